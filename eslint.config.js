import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "src/generated/**", "coverage/**", "test-results/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Function']", message: "No new Function: the task pane runs under a strict Content-Security-Policy." },
        { selector: "CallExpression[callee.name='eval']", message: "No eval: the task pane runs under a strict Content-Security-Policy." },
      ],
    },
  },
  {
    // The domain knows nothing of hosts, faces, Office or Node.
    files: ["src/ims/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/workbook/**", "**/hosts/**", "**/app/**", "**/taskpane/**", "**/cli/**", "node:*", "exceljs", "react", "@fluentui/*"] }],
    },
  },
  {
    files: ["src/workbook/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/hosts/**", "**/taskpane/**", "**/cli/**", "node:*", "exceljs", "react", "@fluentui/*"] }],
    },
  },
  {
    files: ["scripts/**/*.mjs", "bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);

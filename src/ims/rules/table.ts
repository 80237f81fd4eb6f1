import { ACT_RULES } from "./act-rules";
import { CHANGE_RULES } from "./change-rules";
import { FMT_RULES } from "./fmt-rules";
import { ITC_RULES } from "./itc-rules";
import { REMARK_RULES } from "./remark-rules";
import { ruleInfo, type RuleDefinition, type RuleInfo } from "./rule";
import { WARNING_RULES } from "./warning-rules";

/**
 * All rules, in the order of ims-rules.md (§2 FMT, §3 ACT, §4 RMK, §5 ITC,
 * §6 CHG, §7 WRN). Findings come out in this order too.
 */
export const RULE_DEFINITIONS: readonly RuleDefinition[] = [
  ...FMT_RULES,
  ...ACT_RULES,
  ...REMARK_RULES,
  ...ITC_RULES,
  ...CHANGE_RULES,
  ...WARNING_RULES,
];

/** The single source of rule codes, severities, fields, messages and sources; docs/rules.md is checked against it. */
export const RULES: readonly RuleInfo[] = RULE_DEFINITIONS.map(ruleInfo);

const BY_CODE = new Map<string, RuleInfo>();
for (const rule of RULES) {
  if (BY_CODE.has(rule.code)) throw new Error(`Rule code ${rule.code} is defined twice`);
  BY_CODE.set(rule.code, rule);
}

export function ruleByCode(code: string): RuleInfo {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`Unknown rule code ${code}`);
  return rule;
}

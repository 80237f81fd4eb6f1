import { actionLabel, isUnreadable, itcChoiceLabel } from "../decision";
import type { RecordContext } from "./context";
import { countOf, formatIstDate } from "./format";
import type { RuleDefinition } from "./rule";

/**
 * The per-record warnings of change detection (ims-rules §6). Which records are
 * written (CHG-01, -02, -04) is `isUploaded` in context.ts; the export-level
 * CHG-05 and -08 belong to the upload writer.
 */

/** "Accept", "Accept with Full reduction", "No Action". */
function actionWords({ decision }: RecordContext): string {
  if (isUnreadable(decision.action)) return `“${decision.action.unreadable.trim()}”`;
  const label = actionLabel(decision.action);
  return decision.itc === "full" ? `${label} with ${itcChoiceLabel("full")} reduction` : label;
}

export const CHANGE_RULES: readonly RuleDefinition[] = [
  {
    code: "CHG-03",
    severities: ["warning"],
    fields: ["remarks"],
    condition: "The remark was edited, but the action does not send remarks (RMK-03) and nothing else changed: the record is not written.",
    message: "Nothing to upload for this record: remarks are not sent with {action}. Choose Reject or Pending, or Accept with a Partial or No Reduction declaration, if the remark must reach the supplier.",
    basis: "RMK-03",
    confidence: "likely",
    perRecord: {
      scope: "records not uploaded",
      check: (ctx) => ctx.stage === "edited, not uploaded" && ctx.changes.remarks && ctx.remark !== "" && { params: { action: actionWords(ctx) } },
    },
  },
  {
    code: "CHG-06",
    severities: ["warning"],
    fields: ["export"],
    condition: "The upload carries records that the last upload generated since the download was loaded also carried, apart from those the portal refused in it (an error file opened since names them) and those of its parts marked processed. (The workbook keeps only the last upload; a newer import starts afresh.)",
    message: "You already exported {records} of these on {date}, from the same download. If that file was uploaded and processed, their status on the portal has changed and the portal will refuse them with IMSSAV0010: mark that upload as processed (after opening its error file, if the portal reported errors), or download the JSON again and import it, then generate the upload again.",
    basis: "VAY (IMSSAV0010); ADV658 (incremental uploads)",
    confidence: "likely",
    perExport: ({ changed, earlierExport }) => {
      if (!earlierExport) return false;
      const again = changed.filter((c) => c.stage === "uploaded" && earlierExport.keys.has(c.record.key)).map((c) => c.record.key);
      if (again.length === 0) return false;
      return { params: { records: countOf(again.length, "record"), date: formatIstDate(earlierExport.generatedAt) }, recordKeys: again };
    },
  },
  {
    code: "CHG-07",
    severities: ["warning"],
    fields: ["record"],
    condition: "A newer download shows a different `hash` for a record the user has decided on (changed against the earlier download).",
    message: "{supplier} changed this document after your decision. Review it.",
    basis: "ims-formats §6",
    confidence: "likely",
    raisedBy: "checkRedownload (merge of a newer download)",
  },
];

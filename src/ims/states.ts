/** State and UT codes for place of supply and GSTIN prefixes (ims-formats §8; GSTN code list). */
export const STATES: Readonly<Record<string, string>> = {
  "01": "Jammu and Kashmir", "02": "Himachal Pradesh", "03": "Punjab", "04": "Chandigarh",
  "05": "Uttarakhand", "06": "Haryana", "07": "Delhi", "08": "Rajasthan", "09": "Uttar Pradesh",
  "10": "Bihar", "11": "Sikkim", "12": "Arunachal Pradesh", "13": "Nagaland", "14": "Manipur",
  "15": "Mizoram", "16": "Tripura", "17": "Meghalaya", "18": "Assam", "19": "West Bengal",
  "20": "Jharkhand", "21": "Odisha", "22": "Chhattisgarh", "23": "Madhya Pradesh", "24": "Gujarat",
  "25": "Daman and Diu", "26": "Dadra and Nagar Haveli and Daman and Diu", "27": "Maharashtra",
  "28": "Andhra Pradesh (before 2014)", "29": "Karnataka", "30": "Goa", "31": "Lakshadweep",
  "32": "Kerala", "33": "Tamil Nadu", "34": "Puducherry", "35": "Andaman and Nicobar Islands",
  "36": "Telangana", "37": "Andhra Pradesh", "38": "Ladakh", "96": "Other Countries",
  "97": "Other Territory", "99": "Centre Jurisdiction",
};

/** Worked out once: an import labels the place of supply of every record. */
const PLACE_LABELS: ReadonlyMap<string, string> = new Map(Object.entries(STATES).map(([code, name]) => [code, `${code}-${name}`]));

/** "27-Maharashtra" for a known code; the raw value for an unknown one (never rejected). */
export function placeOfSupplyLabel(code: string): string {
  return PLACE_LABELS.get(code) ?? PLACE_LABELS.get(code.trim()) ?? code;
}

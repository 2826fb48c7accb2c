import { goldenCases } from "../golden-cases";
import { review } from "../../../src/review/review";
import { plainText } from "../../../src/review/text";

test("smoke", () => {
  for (const c of goldenCases()) {
    if (c.base === undefined) continue;
    const r = review(c.head(), { base: c.base(), failOn: ["widen"] });
    console.log(c.name, r.exitCode, JSON.stringify(r.access.rows.map((x) => [x.application, x.verdict, x.reasons.map(plainText)]), null, 1), r.warnings.filter((w) => ["widen", "narrow", "cannot-tell", "provider"].includes(w.kind)).map((w) => `${w.kind}: ${plainText(w.message)}`));
  }
});

import { diffOutputs } from "../../src/review/diff";
import { indexStack } from "../../src/review/stack-index";
import { writeRenames } from "../../bench/workloads/renames";
import { loadSynthOutput } from "../../src/review/load";
import { tempDir } from "./fixtures";

describe("issue 9.5: rename matching", () => {
  test("GIVEN groups of identical resources renamed THEN each pairs with the one of the same number, through its references", () => {
    const { base, head } = writeRenames(tempDir(), 40);
    const { diff } = diffOutputs(loadSynthOutput(base).stacks.map(indexStack), loadSynthOutput(head).stacks.map(indexStack));
    const changes = diff.stacks[0].changes;
    expect(changes).toHaveLength(40);
    for (const c of changes) {
      expect(c).toMatchObject({ action: "replace", likelyRename: true });
      // Okta7_App ↔ Sso7_App, Okta7_Assignments ↔ Sso7_Assignments...
      expect(c.previousAddress?.replace(/\.Okta(\d+)_/, ".Sso$1_")).toBe(c.address);
    }
  });
});

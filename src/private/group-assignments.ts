import { AppGroupAssignments, AppGroupAssignmentsGroup } from "../providers/okta/app-group-assignments";
import { createHash } from "node:crypto";
import { DefaultTokenResolver, IResolvable, StringConcat, TerraformIterator, TerraformProvider, TerraformResource, Token, Tokenization } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { appGroupAssignmentModule } from "./lazy-providers";

/**
 * The application's group assignments. Exclusive: one authoritative
 * `okta_app_group_assignments` (it removes assignments made elsewhere).
 * Additive: one `okta_app_group_assignment` per group with
 * `retain_assignment`, so destroying ours never removes an assignment another
 * team relies on. `everyone` says that `groupIds` is the Everyone group alone.
 */
export function groupAssignments(
  scope: Construct,
  appId: string,
  groupIds: string[],
  exclusive: boolean,
  provider: TerraformProvider | undefined,
  everyone: boolean,
): TerraformResource[] {
  if (exclusive) {
    return [new AppGroupAssignments(scope, "GroupAssignments", { provider, appId, group: groupBlocks(groupIds) })];
  }
  const { AppGroupAssignment } = appGroupAssignmentModule();
  if (Token.isUnresolved(groupIds)) {
    // A list known only at plan time: one resource instance per group, keyed
    // by group id, so reordering the list changes nothing.
    const iterator = TerraformIterator.fromList(groupIds);
    return [
      new AppGroupAssignment(scope, "GroupAssignment", {
        provider,
        forEach: iterator,
        appId,
        groupId: iterator.value as string,
        retainAssignment: true,
      }),
    ];
  }
  // Ids derive from the group id, never the position, so reordering, adding
  // or removing groups leaves the other resources' addresses alone.
  return groupIds.map(
    (groupId) =>
      new AppGroupAssignment(scope, everyone ? "GroupAssignment_Everyone" : assignmentId(scope, groupId), {
        provider,
        appId,
        groupId,
        retainAssignment: true,
      }),
  );
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * The construct id of one additive assignment, derived from the group id
 * alone: `GroupAssignment_<id>` for a plain id (`00g...`), and for any other
 * string, or a token (such as `okta_group.eng.id`, by its Terraform
 * expression), the id's safe characters plus a short hash of the whole id, so
 * two different ids never share a name.
 */
export function assignmentId(scope: IConstruct, groupId: string): string {
  let key = groupId;
  if (Token.isUnresolved(groupId)) {
    const resolved: unknown = Tokenization.resolve(groupId, { scope, resolver: RESOLVER, preparing: true });
    key = typeof resolved === "string" ? resolved : JSON.stringify(resolved);
  }
  if (!Token.isUnresolved(groupId) && /^[A-Za-z0-9_-]+$/.test(groupId)) return `GroupAssignment_${groupId}`;
  const readable = key.replace(/^\$\{|\}$/g, "").replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40);
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return `GroupAssignment_${readable === "" ? "" : `${readable}_`}${hash}`;
}

/** One `group` block per id; a list token becomes a dynamic block. */
export function groupBlocks(groupIds: string[]): AppGroupAssignmentsGroup[] | IResolvable {
  if (Token.isUnresolved(groupIds)) {
    const iterator = TerraformIterator.fromList(groupIds);
    return iterator.dynamic({ id: iterator.value as string });
  }
  return groupIds.map((id) => ({ id }));
}

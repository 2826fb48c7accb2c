import { AppGroupAssignments, AppGroupAssignmentsGroup } from "@cdktf/provider-okta/lib/app-group-assignments";
import { IResolvable, TerraformIterator, TerraformProvider, TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
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
  // Ids derive from the group id, not the position, so reordering or removing
  // one group leaves the other resources' addresses alone.
  return groupIds.map(
    (groupId, index) =>
      new AppGroupAssignment(scope, everyone ? "GroupAssignment_Everyone" : assignmentId(groupId, index), {
        provider,
        appId,
        groupId,
        retainAssignment: true,
      }),
  );
}

function assignmentId(groupId: string, index: number): string {
  if (!Token.isUnresolved(groupId) && /^[A-Za-z0-9_-]+$/.test(groupId)) return `GroupAssignment_${groupId}`;
  return `GroupAssignment${index}`;
}

/** One `group` block per id; a list token becomes a dynamic block. */
export function groupBlocks(groupIds: string[]): AppGroupAssignmentsGroup[] | IResolvable {
  if (Token.isUnresolved(groupIds)) {
    const iterator = TerraformIterator.fromList(groupIds);
    return iterator.dynamic({ id: iterator.value as string });
  }
  return groupIds.map((id) => ({ id }));
}

/**
 * Appends every item to `target`, one by one. `target.push(...items)` passes
 * each item as an argument, which overflows the call stack past about
 * 100,000 items: never spread an array whose length comes from input (a
 * stack, a response page, a rendering).
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

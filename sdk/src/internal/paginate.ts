import { InvalidPageError } from "../errors/parameters.js";

/** How list reads walk the contracts' paginated views (`from`, `limit`; pages of at most 100). */
export type PageParameters = {
  /** The number of items to return at most; all of them from `from` on by default. */
  limit?: bigint | undefined;
  /** Items per view call, 1..100 (the contracts' `MAX_PAGE_SIZE`); 100 by default. */
  pageSize?: bigint | undefined;
};

/** The contracts' largest page (`Pagination.MAX_PAGE_SIZE`). */
export const MAX_PAGE_SIZE = 100n;

/**
 * Calls `fetchPage(from, size)` page after page until a short page (the end of the list) or
 * `limit` items, and returns the items in order.
 */
export async function collectPages<T>(
  fetchPage: (from: bigint, size: bigint) => Promise<readonly T[]>,
  fromField: string,
  from: unknown,
  { limit, pageSize = MAX_PAGE_SIZE }: PageParameters,
): Promise<T[]> {
  if (typeof from !== "bigint" || from < 1n) throw new InvalidPageError(fromField, from);
  if (limit !== undefined && (typeof limit !== "bigint" || limit < 1n)) throw new InvalidPageError("limit", limit);
  if (typeof pageSize !== "bigint" || pageSize < 1n || pageSize > MAX_PAGE_SIZE) {
    throw new InvalidPageError("pageSize", pageSize);
  }
  const items: T[] = [];
  for (let next = from; ;) {
    const size = limit === undefined ? pageSize : min(pageSize, limit - BigInt(items.length));
    const page = await fetchPage(next, size);
    items.push(...page);
    if (BigInt(page.length) < size || (limit !== undefined && BigInt(items.length) >= limit)) return items;
    next += size;
  }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Pagination
/// @notice The one page convention of every list view: items are numbered from 1 (ids, version
/// numbers, positions), a page is `limit` items from `from`, `limit` is 1..`MAX_PAGE_SIZE`, and a
/// page starting past the last item is empty (that is how a reader knows it reached the end).
library Pagination {
    /// @notice Largest page a view returns: keeps every view call well under RPC gas caps.
    uint256 internal constant MAX_PAGE_SIZE = 100;

    /// @notice `from` is 0 or `limit` is outside 1..`maxLimit`.
    error PaginationInvalidPage(uint256 from, uint256 limit, uint256 maxLimit);

    /// @notice The number of items of the page `from`, `limit` in a list of `count` items.
    function size(uint256 from, uint256 limit, uint256 count) internal pure returns (uint256) {
        if (from == 0 || limit == 0 || limit > MAX_PAGE_SIZE) {
            revert PaginationInvalidPage(from, limit, MAX_PAGE_SIZE);
        }
        if (from > count) return 0;
        uint256 left = count - from + 1; // from ≤ count
        return left < limit ? left : limit;
    }
}

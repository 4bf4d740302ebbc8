// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IDatanetRegistry
/// @notice Community datasets. Anyone creates a Datanet and owns it; contributors stake OPEN on each
/// piece of data they add; the Datanet's curators accept it (stake returned) or reject it with a
/// reason (stake slashed to the Datanet's treasury); the owner publishes numbered, immutable
/// versions, each the Merkle root of accepted contributions that models are trained on.
///
/// Roles, per Datanet (there is no global role and no admin):
/// - owner: appoints and removes curators, sets the treasury and the metadata URI, publishes
///   versions, hands the Datanet over (two steps: `transferDatanetOwnership`, then the new owner
///   `acceptDatanetOwnership`). The owner also reviews, as a curator. The owner cannot touch stakes
///   except through reviews, and cannot change the stake or the review period of a Datanet
///   (contributors staked under those terms).
/// - curator: reviews pending contributions within the review period, never their own.
///   Curators stay appointed across an ownership handover until the new owner removes them.
///
/// Contributions: a contribution is identified by its content hash (keccak256 of the raw bytes)
/// and numbered 1, 2, … in its Datanet. A content hash already in the Datanet (in any state) is
/// refused. Each contribution is one storage slot, keyed by content hash; the `Contributed` event
/// is the index from number to hash.
///
/// Front-running — commit, then reveal: a contributor first `commit`s
/// `commitmentOf(contributor, datanetId, contentHashes, salt)`, which hides the content hashes and
/// binds them to the contributor; `contribute` reveals them, no earlier than the second after the
/// commitment was mined. Someone who copies a reveal from the mempool has no commitment of their own
/// (the copied commitment names the original contributor), and a commitment made on seeing the
/// reveal cannot be used in the same second, by which time the original reveal is mined. Keep the
/// content private until the reveal is mined: the commitment protects the reveal, not a leak.
///
/// Review: the deadline of a contribution is its `submittedAt + reviewPeriod`. Curators may
/// review until the deadline (inclusive); after it, an unreviewed contribution can only be
/// withdrawn by its contributor, which returns the stake and leaves it unaccepted for good.
///
/// Invariants (tested in `test/DatanetRegistry.invariant.t.sol`):
/// - the registry's OPEN balance equals the stakes of pending contributions;
/// - contribution numbers are 1..`contributionCount`, each used once; versions likewise;
/// - a contribution changes state once, from Pending to Accepted, Rejected or Withdrawn.
interface IDatanetRegistry {
    /// @notice Where a contribution stands. `None`: no such content hash in the Datanet.
    enum Status {
        None,
        Pending,
        Accepted,
        Rejected,
        Withdrawn
    }

    /// @notice A curator's decision, passed to `review` as its `uint8` code. `Accept` returns the
    /// stake; every other code rejects the contribution with that reason and slashes the stake:
    /// - `Duplicate`: the same or nearly the same data is already in the Datanet;
    /// - `OffTopic`: outside the Datanet's scope as its metadata describes it;
    /// - `LowQuality`: noisy, wrong, unreadable or spam;
    /// - `Licence`: the contributor may not license the data under the Datanet's licence;
    /// - `Other`: anything else; the curator should explain off-chain.
    enum Verdict {
        Accept,
        Duplicate,
        OffTopic,
        LowQuality,
        Licence,
        Other
    }

    /// @notice What `createDatanet` takes.
    struct DatanetParams {
        string metadataURI; // what the Datanet collects and how curators judge
        string license; // SPDX identifier or licence URI of the data
        uint96 stake; // OPEN wei staked per contribution; zero for none
        uint32 reviewPeriod; // seconds curators have to review a contribution
        address treasury; // receives slashed stakes
    }

    /// @notice A Datanet, as views return it.
    struct Datanet {
        uint256 id;
        address owner;
        address pendingOwner;
        address treasury;
        uint96 stake;
        uint32 reviewPeriod;
        uint40 contributionCount;
        uint40 acceptedCount;
        uint32 versionCount;
        string metadataURI;
        string license;
    }

    /// @notice A contribution, as views return it (all zero for an unknown content hash).
    struct Contribution {
        uint40 id;
        address contributor;
        uint40 submittedAt;
        uint40 deadline; // last timestamp a curator may review it
        Status status;
    }

    /// @notice A published version.
    struct Version {
        bytes32 root; // Merkle root of its contribution leaves (see ContributionLeaf)
        uint40 count; // number of contributions it includes
        uint40 publishedAt;
        string manifestURI; // the list of its leaves, to rebuild and check the tree
    }

    // ---------------------------------------------------------------- errors

    /// @notice `token` is not a contract.
    error DatanetTokenHasNoCode(address token);
    /// @notice No Datanet has this id.
    error DatanetUnknown(uint256 datanetId);
    /// @notice `reviewPeriod` is outside [`minReviewPeriod`, `maxReviewPeriod`] (1 hour to 90 days).
    error DatanetReviewPeriodOutOfRange(uint32 reviewPeriod, uint32 minReviewPeriod, uint32 maxReviewPeriod);
    /// @notice A required address (treasury, owner) is zero.
    error DatanetZeroAddress();
    /// @notice A required string (metadata URI, licence, content URI, manifest URI) is empty.
    error DatanetEmptyString();
    /// @notice `account` is not the owner of the Datanet.
    error DatanetNotOwner(uint256 datanetId, address account);
    /// @notice `account` is not the pending owner of the Datanet.
    error DatanetNotPendingOwner(uint256 datanetId, address account);
    /// @notice `account` is neither a curator nor the owner of the Datanet.
    error DatanetNotCurator(uint256 datanetId, address account);
    /// @notice No commitment matches the reveal: commit first, from the contributing account.
    error DatanetNotCommitted(bytes32 commitment);
    /// @notice The commitment was mined at `committedAt`; reveal from the next second on.
    error DatanetCommitmentTooRecent(bytes32 commitment, uint256 committedAt);
    /// @notice A batch is empty, or its arrays differ in length.
    error DatanetBadBatch(uint256 length, uint256 otherLength);
    /// @notice The zero content hash is not a content hash.
    error DatanetZeroContentHash();
    /// @notice The content hash is already in the Datanet, as contribution `contributionId`.
    error DatanetDuplicateContent(uint256 datanetId, bytes32 contentHash, uint256 contributionId);
    /// @notice No contribution has this content hash in the Datanet.
    error DatanetUnknownContribution(uint256 datanetId, bytes32 contentHash);
    /// @notice The contribution was already reviewed or withdrawn (`status`).
    error DatanetNotPending(uint256 datanetId, bytes32 contentHash, Status status);
    /// @notice Nobody reviews their own contribution, owner included: another curator must.
    error DatanetSelfReview(uint256 datanetId, bytes32 contentHash, address curator);
    /// @notice `verdict` is not a `Verdict` code (0..5).
    error DatanetInvalidVerdict(uint256 verdict);
    /// @notice The review period of the contribution ended at `deadline`.
    error DatanetReviewPeriodOver(uint256 datanetId, bytes32 contentHash, uint256 deadline);
    /// @notice The contribution may still be reviewed until `deadline`; withdraw after it.
    error DatanetReviewPeriodNotOver(uint256 datanetId, bytes32 contentHash, uint256 deadline);
    /// @notice Only the contributor withdraws a stake.
    error DatanetNotContributor(uint256 datanetId, bytes32 contentHash, address account);
    /// @notice The zero root cannot be a version.
    error DatanetZeroRoot();
    /// @notice A version must include 1..`acceptedCount` contributions.
    error DatanetVersionCountOutOfRange(uint256 count, uint256 acceptedCount);
    /// @notice The Datanet has no such version.
    error DatanetUnknownVersion(uint256 datanetId, uint256 version);

    // ---------------------------------------------------------------- events

    event DatanetCreated(
        uint256 indexed datanetId,
        address indexed owner,
        address treasury,
        uint96 stake,
        uint32 reviewPeriod,
        string metadataURI,
        string license
    );
    event CuratorSet(uint256 indexed datanetId, address indexed account, bool allowed);
    event DatanetTreasurySet(uint256 indexed datanetId, address treasury);
    event DatanetMetadataSet(uint256 indexed datanetId, string metadataURI);
    event DatanetOwnershipTransferStarted(uint256 indexed datanetId, address indexed owner, address indexed newOwner);
    event DatanetOwnershipTransferred(
        uint256 indexed datanetId,
        address indexed previousOwner,
        address indexed newOwner
    );
    event Committed(address indexed committer, bytes32 indexed commitment);
    /// @notice A contribution was added (stake: the Datanet's `stake`, pulled from the contributor).
    event Contributed(
        uint256 indexed datanetId,
        uint256 indexed contributionId,
        address indexed contributor,
        bytes32 contentHash,
        string uri
    );
    event ContributionAccepted(
        uint256 indexed datanetId,
        uint256 indexed contributionId,
        address indexed curator,
        bytes32 contentHash,
        address contributor,
        uint256 stakeReturned
    );
    event ContributionRejected(
        uint256 indexed datanetId,
        uint256 indexed contributionId,
        address indexed curator,
        bytes32 contentHash,
        address contributor,
        Verdict reason,
        uint256 stakeSlashed
    );
    event StakeWithdrawn(
        uint256 indexed datanetId,
        uint256 indexed contributionId,
        address indexed contributor,
        bytes32 contentHash,
        uint256 stake
    );
    event VersionPublished(
        uint256 indexed datanetId,
        uint256 indexed version,
        bytes32 root,
        uint256 count,
        string manifestURI
    );

    // ---------------------------------------------------------------- datanets

    /// @notice Creates a Datanet owned by the caller. Ids start at 1.
    function createDatanet(DatanetParams calldata params) external returns (uint256 datanetId);

    /// @notice Only the owner. Appoints (`allowed`) or removes a curator.
    function setCurator(uint256 datanetId, address account, bool allowed) external;

    /// @notice Only the owner. Where slashed stakes go from now on.
    function setTreasury(uint256 datanetId, address treasury) external;

    /// @notice Only the owner.
    function setMetadataURI(uint256 datanetId, string calldata metadataURI) external;

    /// @notice Only the owner. Starts a handover; the zero address cancels a pending one.
    function transferDatanetOwnership(uint256 datanetId, address newOwner) external;

    /// @notice Only the pending owner. Completes the handover.
    function acceptDatanetOwnership(uint256 datanetId) external;

    // ---------------------------------------------------------------- contributions

    /// @notice Records a commitment for a later `contribute` or `contributeBatch` from the caller.
    /// Committing an existing commitment again keeps its first time.
    function commit(bytes32 commitment) external;

    /// @notice Reveals one committed contribution and pulls the Datanet's stake from the caller.
    /// @return contributionId the number of the contribution in the Datanet.
    function contribute(
        uint256 datanetId,
        bytes32 contentHash,
        string calldata uri,
        bytes32 salt
    ) external returns (uint256 contributionId);

    /// @notice Reveals a committed batch (all or nothing) and pulls `stake * length` once.
    /// @return firstId the number of the first contribution; the others follow in order.
    function contributeBatch(
        uint256 datanetId,
        bytes32[] calldata contentHashes,
        string[] calldata uris,
        bytes32 salt
    ) external returns (uint256 firstId);

    /// @notice `contributeBatch` after an ERC-2612 permit of OPEN for this registry. A permit that
    /// fails (already used, e.g. front-run) is ignored: the stake is then pulled on the allowance.
    function contributeBatchWithPermit(
        uint256 datanetId,
        bytes32[] calldata contentHashes,
        string[] calldata uris,
        bytes32 salt,
        uint256 permitValue,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 firstId);

    /// @notice Only a curator or the owner, until each contribution's deadline. `verdicts[i]` is a
    /// `Verdict` code for `contentHashes[i]`. Accepted stakes go back to their contributors and
    /// rejected stakes to the treasury; each rejection emits its reason.
    function review(uint256 datanetId, bytes32[] calldata contentHashes, uint8[] calldata verdicts) external;

    /// @notice Only the contributor, after the deadline of each unreviewed contribution: returns the
    /// stakes; the contributions stay unaccepted for good.
    function withdrawStake(uint256 datanetId, bytes32[] calldata contentHashes) external returns (uint256 amount);

    // ---------------------------------------------------------------- versions

    /// @notice Only the owner. Publishes the next version (numbered from 1): the Merkle root of
    /// `count` accepted contributions (leaves: see ContributionLeaf) and the manifest listing them.
    /// The registry checks `count` against the accepted total; the oracle and anyone with the
    /// manifest check the root (see `verifyContribution`).
    function publishVersion(
        uint256 datanetId,
        bytes32 root,
        uint256 count,
        string calldata manifestURI
    ) external returns (uint256 version);

    // ---------------------------------------------------------------- views

    function MIN_REVIEW_PERIOD() external view returns (uint32);
    function MAX_REVIEW_PERIOD() external view returns (uint32);
    /// @notice The OPEN token stakes are paid in.
    function token() external view returns (IERC20);

    function datanetCount() external view returns (uint256);

    /// @notice Reverts with `DatanetUnknown` for an unknown id.
    function getDatanet(uint256 datanetId) external view returns (Datanet memory);

    /// @notice Datanets `fromId`, `fromId + 1`, … (see Pagination).
    function getDatanets(uint256 fromId, uint256 limit) external view returns (Datanet[] memory);

    function isCurator(uint256 datanetId, address account) external view returns (bool);

    /// @notice The contribution with `contentHash` in the Datanet; all zero if there is none.
    function getContribution(uint256 datanetId, bytes32 contentHash) external view returns (Contribution memory);

    /// @notice The number of published versions; zero for an unknown Datanet.
    function versionCount(uint256 datanetId) external view returns (uint256);

    /// @notice Reverts with `DatanetUnknownVersion` for an unknown version.
    function getVersion(uint256 datanetId, uint256 version) external view returns (Version memory);

    /// @notice Versions `fromVersion`, `fromVersion + 1`, … (see Pagination).
    function getVersions(
        uint256 datanetId,
        uint256 fromVersion,
        uint256 limit
    ) external view returns (Version[] memory);

    /// @notice The commitment a contributor commits before revealing `contentHashes` (in order):
    /// `keccak256(abi.encode(contributor, datanetId, keccak256(abi.encodePacked(contentHashes)), salt))`.
    function commitmentOf(
        address contributor,
        uint256 datanetId,
        bytes32[] calldata contentHashes,
        bytes32 salt
    ) external pure returns (bytes32);

    /// @notice When `commitment` was first committed; zero if it is unknown or was revealed.
    function committedAt(bytes32 commitment) external view returns (uint256);

    /// @notice True if the contribution is accepted and in version `version` under `proof`.
    function verifyContribution(
        uint256 datanetId,
        uint256 version,
        bytes32 contentHash,
        bytes32[] calldata proof
    ) external view returns (bool);
}

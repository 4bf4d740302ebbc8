// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IDatanetRegistry} from "./interfaces/IDatanetRegistry.sol";
import {ContributionLeaf} from "./libraries/ContributionLeaf.sol";
import {Pagination} from "./libraries/Pagination.sol";
import {ProofVerifier} from "./libraries/ProofVerifier.sol";

/// @title DatanetRegistry
/// @notice Community datasets: staked contributions, curation with reasons, numbered versions.
/// See {IDatanetRegistry}.
/// @dev Gas layout: a contribution is one fresh storage slot (the floor, 22,100 gas) plus its event;
/// everything else `contribute` touches is the Datanet's `Terms` slot, rewritten once per call.
contract DatanetRegistry is IDatanetRegistry {
    using SafeERC20 for IERC20;

    /// @inheritdoc IDatanetRegistry
    uint32 public constant MIN_REVIEW_PERIOD = 1 hours;
    /// @inheritdoc IDatanetRegistry
    uint32 public constant MAX_REVIEW_PERIOD = 90 days;

    /// @dev What contributing and reviewing read and write, in one slot: 96 + 32 + 40 + 40 + 32 = 240
    /// bits. A Datanet exists iff `reviewPeriod != 0` (it is at least 1 hour), so no extra read.
    /// Bounds: 2^40 contributions at ≥ 22,100 gas each, or 2^32 versions, are unreachable.
    struct Terms {
        uint96 stake;
        uint32 reviewPeriod;
        uint40 contributionCount;
        uint40 acceptedCount;
        uint32 versionCount;
    }

    struct DatanetRecord {
        Terms terms;
        address owner;
        address pendingOwner;
        address treasury;
        string metadataURI;
        string license;
    }

    /// @dev One slot: 160 + 40 + 40 + 8 = 248 bits. `submittedAt` < 2^40 s (year 36812).
    struct Record {
        address contributor;
        uint40 id;
        uint40 submittedAt;
        Status status;
    }

    IERC20 private immutable _TOKEN;

    uint256 private _datanetCount;
    mapping(uint256 datanetId => DatanetRecord) private _datanets;
    mapping(uint256 datanetId => mapping(address account => bool)) private _curators;
    mapping(uint256 datanetId => mapping(bytes32 contentHash => Record)) private _contributions;
    mapping(uint256 datanetId => mapping(uint256 version => Version)) private _versions;
    mapping(bytes32 commitment => uint256 timestamp) private _committedAt;

    constructor(IERC20 token_) {
        if (address(token_).code.length == 0) revert DatanetTokenHasNoCode(address(token_));
        _TOKEN = token_;
    }

    // ---------------------------------------------------------------- datanets

    /// @inheritdoc IDatanetRegistry
    function createDatanet(DatanetParams calldata params) external returns (uint256 datanetId) {
        if (params.reviewPeriod < MIN_REVIEW_PERIOD || params.reviewPeriod > MAX_REVIEW_PERIOD) {
            revert DatanetReviewPeriodOutOfRange(params.reviewPeriod, MIN_REVIEW_PERIOD, MAX_REVIEW_PERIOD);
        }
        if (params.treasury == address(0)) revert DatanetZeroAddress();
        if (bytes(params.metadataURI).length == 0 || bytes(params.license).length == 0) revert DatanetEmptyString();

        datanetId = ++_datanetCount;
        DatanetRecord storage datanet = _datanets[datanetId];
        datanet.terms = Terms({
            stake: params.stake,
            reviewPeriod: params.reviewPeriod,
            contributionCount: 0,
            acceptedCount: 0,
            versionCount: 0
        });
        datanet.owner = msg.sender;
        datanet.treasury = params.treasury;
        datanet.metadataURI = params.metadataURI;
        datanet.license = params.license;
        emit DatanetCreated(
            datanetId,
            msg.sender,
            params.treasury,
            params.stake,
            params.reviewPeriod,
            params.metadataURI,
            params.license
        );
    }

    /// @inheritdoc IDatanetRegistry
    function setCurator(uint256 datanetId, address account, bool allowed) external {
        _ownedByCaller(datanetId);
        if (account == address(0)) revert DatanetZeroAddress();
        _curators[datanetId][account] = allowed;
        emit CuratorSet(datanetId, account, allowed);
    }

    /// @inheritdoc IDatanetRegistry
    function setTreasury(uint256 datanetId, address treasury) external {
        DatanetRecord storage datanet = _ownedByCaller(datanetId);
        if (treasury == address(0)) revert DatanetZeroAddress();
        datanet.treasury = treasury;
        emit DatanetTreasurySet(datanetId, treasury);
    }

    /// @inheritdoc IDatanetRegistry
    function setMetadataURI(uint256 datanetId, string calldata metadataURI) external {
        DatanetRecord storage datanet = _ownedByCaller(datanetId);
        if (bytes(metadataURI).length == 0) revert DatanetEmptyString();
        datanet.metadataURI = metadataURI;
        emit DatanetMetadataSet(datanetId, metadataURI);
    }

    /// @inheritdoc IDatanetRegistry
    function transferDatanetOwnership(uint256 datanetId, address newOwner) external {
        DatanetRecord storage datanet = _ownedByCaller(datanetId);
        datanet.pendingOwner = newOwner;
        emit DatanetOwnershipTransferStarted(datanetId, msg.sender, newOwner);
    }

    /// @inheritdoc IDatanetRegistry
    function acceptDatanetOwnership(uint256 datanetId) external {
        DatanetRecord storage datanet = _datanets[datanetId];
        if (datanet.terms.reviewPeriod == 0) revert DatanetUnknown(datanetId);
        if (datanet.pendingOwner != msg.sender || msg.sender == address(0)) {
            revert DatanetNotPendingOwner(datanetId, msg.sender);
        }
        address previousOwner = datanet.owner;
        datanet.owner = msg.sender;
        delete datanet.pendingOwner;
        emit DatanetOwnershipTransferred(datanetId, previousOwner, msg.sender);
    }

    // ---------------------------------------------------------------- contributions

    /// @inheritdoc IDatanetRegistry
    function commit(bytes32 commitment) external {
        // Keeping the first time means a copy of someone's commit transaction changes nothing.
        if (_committedAt[commitment] == 0) _committedAt[commitment] = block.timestamp;
        emit Committed(msg.sender, commitment);
    }

    /// @inheritdoc IDatanetRegistry
    function contribute(
        uint256 datanetId,
        bytes32 contentHash,
        string calldata uri,
        bytes32 salt
    ) external returns (uint256 contributionId) {
        Terms memory terms = _terms(datanetId);
        // keccak256(abi.encodePacked([contentHash])) == keccak256(abi.encode(contentHash)).
        _reveal(keccak256(abi.encode(msg.sender, datanetId, keccak256(abi.encode(contentHash)), salt)));
        contributionId = uint256(terms.contributionCount) + 1;
        _add(_contributions[datanetId], datanetId, contentHash, uri, contributionId);
        _datanets[datanetId].terms.contributionCount = uint40(contributionId);
        if (terms.stake != 0) _TOKEN.safeTransferFrom(msg.sender, address(this), terms.stake);
    }

    /// @inheritdoc IDatanetRegistry
    function contributeBatch(
        uint256 datanetId,
        bytes32[] calldata contentHashes,
        string[] calldata uris,
        bytes32 salt
    ) public returns (uint256 firstId) {
        uint256 length = contentHashes.length;
        if (length == 0 || uris.length != length) revert DatanetBadBatch(length, uris.length);
        Terms memory terms = _terms(datanetId);
        _reveal(keccak256(abi.encode(msg.sender, datanetId, keccak256(abi.encodePacked(contentHashes)), salt)));
        firstId = uint256(terms.contributionCount) + 1;
        mapping(bytes32 => Record) storage records = _contributions[datanetId];
        for (uint256 i; i < length; ++i) {
            _add(records, datanetId, contentHashes[i], uris[i], firstId + i);
        }
        _datanets[datanetId].terms.contributionCount = uint40(firstId + length - 1);
        if (terms.stake != 0) _TOKEN.safeTransferFrom(msg.sender, address(this), uint256(terms.stake) * length);
    }

    /// @inheritdoc IDatanetRegistry
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
    ) external returns (uint256 firstId) {
        // A failed permit is ignored on purpose: anyone can submit a permit seen in the mempool
        // first, and the allowance it set is then used below (OpenZeppelin's IERC20Permit advice).
        try
            IERC20Permit(address(_TOKEN)).permit(msg.sender, address(this), permitValue, permitDeadline, v, r, s)
        {} catch {} // solhint-disable-line no-empty-blocks
        return contributeBatch(datanetId, contentHashes, uris, salt);
    }

    /// @inheritdoc IDatanetRegistry
    function review(uint256 datanetId, bytes32[] calldata contentHashes, uint8[] calldata verdicts) external {
        uint256 length = contentHashes.length;
        if (length == 0 || verdicts.length != length) revert DatanetBadBatch(length, verdicts.length);
        DatanetRecord storage datanet = _datanets[datanetId];
        Terms memory terms = datanet.terms;
        if (terms.reviewPeriod == 0) revert DatanetUnknown(datanetId);
        if (msg.sender != datanet.owner && !_curators[datanetId][msg.sender]) {
            revert DatanetNotCurator(datanetId, msg.sender);
        }

        // Stakes are paid after every state change: one transfer per run of accepted contributions
        // of the same contributor, and one for all the slashed stakes.
        address[] memory refundTo = new address[](length);
        uint256[] memory refunds = new uint256[](length);
        uint256 runs;
        uint256 accepted;
        uint256 slashed;
        for (uint256 i; i < length; ++i) {
            (address contributor, bool isAccepted) = _review(datanetId, contentHashes[i], verdicts[i], terms);
            if (isAccepted) {
                ++accepted;
                if (runs == 0 || refundTo[runs - 1] != contributor) refundTo[runs++] = contributor;
                refunds[runs - 1] += terms.stake;
            } else {
                slashed += terms.stake;
            }
        }
        // Bound: accepted ≤ contributionCount < 2^40.
        if (accepted != 0) datanet.terms.acceptedCount = uint40(terms.acceptedCount + accepted);

        for (uint256 i; i < runs; ++i) {
            _pay(refundTo[i], refunds[i]);
        }
        _pay(datanet.treasury, slashed);
    }

    /// @inheritdoc IDatanetRegistry
    function withdrawStake(uint256 datanetId, bytes32[] calldata contentHashes) external returns (uint256 amount) {
        uint256 length = contentHashes.length;
        if (length == 0) revert DatanetBadBatch(0, 0);
        Terms memory terms = _terms(datanetId);
        for (uint256 i; i < length; ++i) {
            bytes32 contentHash = contentHashes[i];
            Record storage record = _contributions[datanetId][contentHash];
            Record memory current = record;
            if (current.status == Status.None) revert DatanetUnknownContribution(datanetId, contentHash);
            if (current.contributor != msg.sender) revert DatanetNotContributor(datanetId, contentHash, msg.sender);
            _requirePending(datanetId, contentHash, current.status);
            uint256 deadline = uint256(current.submittedAt) + terms.reviewPeriod;
            if (block.timestamp <= deadline) revert DatanetReviewPeriodNotOver(datanetId, contentHash, deadline);
            record.status = Status.Withdrawn;
            emit StakeWithdrawn(datanetId, current.id, msg.sender, contentHash, terms.stake);
        }
        amount = uint256(terms.stake) * length;
        _pay(msg.sender, amount);
    }

    // ---------------------------------------------------------------- versions

    /// @inheritdoc IDatanetRegistry
    function publishVersion(
        uint256 datanetId,
        bytes32 root,
        uint256 count,
        string calldata manifestURI
    ) external returns (uint256 version) {
        DatanetRecord storage datanet = _ownedByCaller(datanetId);
        if (root == 0) revert DatanetZeroRoot();
        Terms memory terms = datanet.terms;
        if (count == 0 || count > terms.acceptedCount) revert DatanetVersionCountOutOfRange(count, terms.acceptedCount);
        if (bytes(manifestURI).length == 0) revert DatanetEmptyString();

        version = uint256(terms.versionCount) + 1;
        datanet.terms.versionCount = uint32(version);
        // count ≤ acceptedCount < 2^40; block.timestamp < 2^40 (year 36812).
        _versions[datanetId][version] = Version({
            root: root,
            count: uint40(count),
            publishedAt: uint40(block.timestamp),
            manifestURI: manifestURI
        });
        emit VersionPublished(datanetId, version, root, count, manifestURI);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDatanetRegistry
    function token() external view returns (IERC20) {
        return _TOKEN;
    }

    /// @inheritdoc IDatanetRegistry
    function datanetCount() external view returns (uint256) {
        return _datanetCount;
    }

    /// @inheritdoc IDatanetRegistry
    function getDatanet(uint256 datanetId) external view returns (Datanet memory) {
        if (_datanets[datanetId].terms.reviewPeriod == 0) revert DatanetUnknown(datanetId);
        return _datanet(datanetId);
    }

    /// @inheritdoc IDatanetRegistry
    function getDatanets(uint256 fromId, uint256 limit) external view returns (Datanet[] memory page) {
        page = new Datanet[](Pagination.size(fromId, limit, _datanetCount));
        for (uint256 i; i < page.length; ++i) {
            page[i] = _datanet(fromId + i);
        }
    }

    /// @inheritdoc IDatanetRegistry
    function isCurator(uint256 datanetId, address account) external view returns (bool) {
        return _curators[datanetId][account];
    }

    /// @inheritdoc IDatanetRegistry
    function getContribution(
        uint256 datanetId,
        bytes32 contentHash
    ) external view returns (Contribution memory contribution) {
        Record memory record = _contributions[datanetId][contentHash];
        if (record.status == Status.None) return contribution;
        contribution = Contribution({
            id: record.id,
            contributor: record.contributor,
            submittedAt: record.submittedAt,
            deadline: record.submittedAt + _datanets[datanetId].terms.reviewPeriod,
            status: record.status
        });
    }

    /// @inheritdoc IDatanetRegistry
    function versionCount(uint256 datanetId) external view returns (uint256) {
        return _datanets[datanetId].terms.versionCount;
    }

    /// @inheritdoc IDatanetRegistry
    function getVersion(uint256 datanetId, uint256 version) external view returns (Version memory) {
        Version storage stored = _versions[datanetId][version];
        if (stored.root == 0) revert DatanetUnknownVersion(datanetId, version);
        return stored;
    }

    /// @inheritdoc IDatanetRegistry
    function getVersions(
        uint256 datanetId,
        uint256 fromVersion,
        uint256 limit
    ) external view returns (Version[] memory page) {
        Terms memory terms = _terms(datanetId);
        page = new Version[](Pagination.size(fromVersion, limit, terms.versionCount));
        for (uint256 i; i < page.length; ++i) {
            page[i] = _versions[datanetId][fromVersion + i];
        }
    }

    /// @inheritdoc IDatanetRegistry
    function commitmentOf(
        address contributor,
        uint256 datanetId,
        bytes32[] calldata contentHashes,
        bytes32 salt
    ) external pure returns (bytes32) {
        return keccak256(abi.encode(contributor, datanetId, keccak256(abi.encodePacked(contentHashes)), salt));
    }

    /// @inheritdoc IDatanetRegistry
    function committedAt(bytes32 commitment) external view returns (uint256) {
        return _committedAt[commitment];
    }

    /// @inheritdoc IDatanetRegistry
    function verifyContribution(
        uint256 datanetId,
        uint256 version,
        bytes32 contentHash,
        bytes32[] calldata proof
    ) external view returns (bool) {
        bytes32 root = _versions[datanetId][version].root;
        if (root == 0) revert DatanetUnknownVersion(datanetId, version);
        Record memory record = _contributions[datanetId][contentHash];
        if (record.status != Status.Accepted) return false;
        return
            ProofVerifier.verify(
                proof,
                root,
                ContributionLeaf.hash(datanetId, record.id, record.contributor, contentHash)
            );
    }

    // ---------------------------------------------------------------- internals

    function _terms(uint256 datanetId) private view returns (Terms memory terms) {
        terms = _datanets[datanetId].terms;
        if (terms.reviewPeriod == 0) revert DatanetUnknown(datanetId);
    }

    function _ownedByCaller(uint256 datanetId) private view returns (DatanetRecord storage datanet) {
        datanet = _datanets[datanetId];
        if (datanet.terms.reviewPeriod == 0) revert DatanetUnknown(datanetId);
        if (datanet.owner != msg.sender) revert DatanetNotOwner(datanetId, msg.sender);
    }

    /// @dev Consumes the caller's commitment; it must be at least one second old.
    function _reveal(bytes32 commitment) private {
        uint256 at = _committedAt[commitment];
        if (at == 0) revert DatanetNotCommitted(commitment);
        if (at >= block.timestamp) revert DatanetCommitmentTooRecent(commitment, at);
        delete _committedAt[commitment];
    }

    /// @dev Records contribution `id` of the caller: one fresh slot and the event.
    function _add(
        mapping(bytes32 => Record) storage records,
        uint256 datanetId,
        bytes32 contentHash,
        string calldata uri,
        uint256 id
    ) private {
        if (contentHash == 0) revert DatanetZeroContentHash();
        if (bytes(uri).length == 0) revert DatanetEmptyString();
        Record storage record = records[contentHash];
        if (record.status != Status.None) revert DatanetDuplicateContent(datanetId, contentHash, record.id);
        // One SSTORE of the packed Record (contributor | id << 160 | submittedAt << 200 | status << 240),
        // into the slot just read. id ≤ contributionCount + batch length < 2^40; block.timestamp < 2^40.
        uint256 packed =
            uint256(uint160(msg.sender)) | (id << 160) | (block.timestamp << 200) | (uint256(Status.Pending) << 240);
        assembly ("memory-safe") {
            sstore(record.slot, packed)
        }
        emit Contributed(datanetId, id, msg.sender, contentHash, uri);
    }

    /// @dev Applies one verdict; returns the contributor and whether the contribution was accepted.
    function _review(
        uint256 datanetId,
        bytes32 contentHash,
        uint256 verdict,
        Terms memory terms
    ) private returns (address contributor, bool accepted) {
        if (verdict > uint8(Verdict.Other)) revert DatanetInvalidVerdict(verdict);
        Record storage record = _contributions[datanetId][contentHash];
        Record memory current = record;
        _requirePending(datanetId, contentHash, current.status);
        uint256 deadline = uint256(current.submittedAt) + terms.reviewPeriod;
        if (block.timestamp > deadline) revert DatanetReviewPeriodOver(datanetId, contentHash, deadline);
        contributor = current.contributor;
        if (contributor == msg.sender) revert DatanetSelfReview(datanetId, contentHash, msg.sender);

        accepted = verdict == uint8(Verdict.Accept);
        if (accepted) {
            record.status = Status.Accepted;
            emit ContributionAccepted(datanetId, current.id, msg.sender, contentHash, contributor, terms.stake);
        } else {
            record.status = Status.Rejected;
            emit ContributionRejected(
                datanetId,
                current.id,
                msg.sender,
                contentHash,
                contributor,
                Verdict(verdict),
                terms.stake
            );
        }
    }

    function _requirePending(uint256 datanetId, bytes32 contentHash, Status status) private pure {
        if (status == Status.None) revert DatanetUnknownContribution(datanetId, contentHash);
        if (status != Status.Pending) revert DatanetNotPending(datanetId, contentHash, status);
    }

    function _pay(address to, uint256 amount) private {
        if (amount != 0) _TOKEN.safeTransfer(to, amount);
    }

    function _datanet(uint256 datanetId) private view returns (Datanet memory) {
        DatanetRecord storage datanet = _datanets[datanetId];
        Terms memory terms = datanet.terms;
        return
            Datanet({
                id: datanetId,
                owner: datanet.owner,
                pendingOwner: datanet.pendingOwner,
                treasury: datanet.treasury,
                stake: terms.stake,
                reviewPeriod: terms.reviewPeriod,
                contributionCount: terms.contributionCount,
                acceptedCount: terms.acceptedCount,
                versionCount: terms.versionCount,
                metadataURI: datanet.metadataURI,
                license: datanet.license
            });
    }
}

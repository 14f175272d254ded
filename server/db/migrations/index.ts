// Every migration, in order. Listed statically (not read from disk) so bundles and dist/ work alike.
import type { Migration } from 'kysely';
import * as init from './2026-11-22-0001-init.js';
import * as rules from './2026-11-22-0002-rules.js';
import * as lifecycle from './2026-11-22-0003-lifecycle.js';
import * as calendarsAndDeliveries from './2026-11-22-0004-calendars-and-deliveries.js';
import * as stages from './2026-11-22-0005-stages.js';
import * as reconciled from './2026-12-01-0006-reconciled.js';
import * as quoteSubmitter from './2026-12-01-0007-quote-submitter.js';
import * as tokensRolloutsHeartbeats from './2026-12-01-0008-tokens-rollouts-heartbeats.js';
import * as ruleSetSource from './2026-12-02-0009-rule-set-source.js';
import * as ruleTestCases from './2026-12-02-0010-rule-test-cases.js';
import * as chatChannels from './2026-12-02-0011-chat-channels.js';
import * as handoverJobs from './2026-12-02-0012-handover-jobs.js';
import * as importJobs from './2026-12-02-0013-import-jobs.js';
import * as nearDuplicates from './2026-12-02-0014-near-duplicates.js';
import * as disputes from './2026-12-02-0015-disputes.js';
import * as collaborators from './2026-12-02-0016-collaborators.js';
import * as documents from './2026-12-02-0017-documents.js';
import * as signIn from './2026-12-02-0018-sign-in.js';
import * as ssoLogins from './2026-12-02-0019-sso-logins.js';
import * as importSimilarNames from './2026-12-02-0020-import-similar-names.js';
import * as nameKeyPendingList from './2026-12-02-0021-name-key-pending-list.js';
import * as unknownSignIns from './2026-12-02-0022-unknown-sign-ins.js';
import * as repEmailCase from './2026-12-02-0023-rep-email-case.js';
import * as disputeDeciding from './2026-12-03-0001-dispute-deciding.js';
import * as activityText from './2026-12-03-0002-activity-text.js';
import * as collaborationsEnded from './2026-12-04-0001-collaborations-ended.js';
import * as keyFlagEndsWithTenure from './2026-12-04-0002-key-flag-ends-with-tenure.js';
import * as teamCase from './2026-12-04-0003-team-case.js';
import * as repSignedIn from './2026-12-04-0004-rep-signed-in.js';
import * as oneOpenLink from './2026-12-04-0005-one-open-link.js';
import * as tenureCollaborationsEnded from './2026-12-04-0006-tenure-collaborations-ended.js';
import * as deadlineActorRole from './2026-12-04-0007-deadline-actor-role.js';
import * as plannedOwner from './2026-12-04-0008-planned-owner.js';
import * as linkReplacedBy from './2026-12-04-0009-link-replaced-by.js';
import * as repIdCase from './2026-12-05-0001-rep-id-case.js';
import * as approvalRequestIndex from './2026-12-05-0002-approval-request-index.js';
import * as disputeNoticeIndex from './2026-12-05-0003-dispute-notice-index.js';
import * as poolCase from './2026-12-05-0004-pool-case.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-init': init,
  '2026-11-22-0002-rules': rules,
  '2026-11-22-0003-lifecycle': lifecycle,
  '2026-11-22-0004-calendars-and-deliveries': calendarsAndDeliveries,
  '2026-11-22-0005-stages': stages,
  '2026-12-01-0006-reconciled': reconciled,
  '2026-12-01-0007-quote-submitter': quoteSubmitter,
  '2026-12-01-0008-tokens-rollouts-heartbeats': tokensRolloutsHeartbeats,
  '2026-12-02-0009-rule-set-source': ruleSetSource,
  '2026-12-02-0010-rule-test-cases': ruleTestCases,
  '2026-12-02-0011-chat-channels': chatChannels,
  '2026-12-02-0012-handover-jobs': handoverJobs,
  '2026-12-02-0013-import-jobs': importJobs,
  '2026-12-02-0014-near-duplicates': nearDuplicates,
  '2026-12-02-0015-disputes': disputes,
  '2026-12-02-0016-collaborators': collaborators,
  '2026-12-02-0017-documents': documents,
  '2026-12-02-0018-sign-in': signIn,
  '2026-12-02-0019-sso-logins': ssoLogins,
  '2026-12-02-0020-import-similar-names': importSimilarNames,
  '2026-12-02-0021-name-key-pending-list': nameKeyPendingList,
  '2026-12-02-0022-unknown-sign-ins': unknownSignIns,
  '2026-12-02-0023-rep-email-case': repEmailCase,
  '2026-12-03-0001-dispute-deciding': disputeDeciding,
  '2026-12-03-0002-activity-text': activityText,
  '2026-12-04-0001-collaborations-ended': collaborationsEnded,
  '2026-12-04-0002-key-flag-ends-with-tenure': keyFlagEndsWithTenure,
  '2026-12-04-0003-team-case': teamCase,
  '2026-12-04-0004-rep-signed-in': repSignedIn,
  '2026-12-04-0005-one-open-link': oneOpenLink,
  '2026-12-04-0006-tenure-collaborations-ended': tenureCollaborationsEnded,
  '2026-12-04-0007-deadline-actor-role': deadlineActorRole,
  '2026-12-04-0008-planned-owner': plannedOwner,
  '2026-12-04-0009-link-replaced-by': linkReplacedBy,
  '2026-12-05-0001-rep-id-case': repIdCase,
  '2026-12-05-0002-approval-request-index': approvalRequestIndex,
  '2026-12-05-0003-dispute-notice-index': disputeNoticeIndex,
  '2026-12-05-0004-pool-case': poolCase,
};

// The console's pages: each is a module exporting `page` (see docs/console.md, "Adding a page"),
// listed here once. The order is the navigation's order within an area.
import { homes } from './home.js';
import { page as me } from './me.js';
import { page as adminMembers } from './admin/members.js';
import { page as adminImport } from './admin/import.js';
import { page as adminInvitations } from './admin/invitations.js';
import { page as adminReport } from './admin/report.js';
import { page as adminDashboard } from './admin/dashboard.js';
import { page as adminCredentials } from './admin/credentials.js';
import { page as adminRetention } from './admin/retention.js';
import { page as adminRights } from './admin/rights.js';
import { page as adminAssignments } from './admin/assignments.js';
import { page as adminMarketing } from './admin/marketing.js';
import { page as traineeCatalog } from './trainee/catalog.js';
import { page as traineeCourses } from './trainee/courses.js';
import { page as traineeCertificates } from './trainee/certificates.js';
import { page as traineeLearning } from './trainee/learning.js';
import { page as instructorCourses } from './instructor/courses.js';
import { page as instructorProfile } from './instructor/profile.js';
import { page as instructorCourseEditor } from './instructor/course-editor.js';
import { page as privacyConsents } from './privacy/consents.js';
import { page as privacyRights } from './privacy/rights.js';
import { page as privacyProfile } from './privacy/profile.js';
import { page as auditorHistory } from './auditor/history.js';
import { page as auditorVerification } from './auditor/verification.js';
import { page as auditorCheckpoints } from './auditor/checkpoints.js';
import { page as operatorOrganizations } from './operator/organizations.js';
import { page as operatorAdministrators } from './operator/administrators.js';
import { page as operatorAuditors } from './operator/auditors.js';
import { page as operatorMailbox } from './operator/mailbox.js';
import { page as operatorRebuilds } from './operator/rebuilds.js';
import { page as operatorDeadLetters } from './operator/dead-letters.js';
import { page as operatorConsistency } from './operator/consistency.js';
import { page as operatorLegalHold } from './operator/legal-hold.js';
import { page as operatorRetention } from './operator/retention.js';
import { page as operatorOverdue } from './operator/rights-requests.js';
import { page as operatorMarketing } from './operator/marketing.js';

const pages = [
  adminMembers, adminImport, adminInvitations, adminReport, adminDashboard, adminCredentials, adminRetention, adminRights,
  adminAssignments, adminMarketing,
  traineeCatalog, traineeCourses, traineeCertificates, traineeLearning,
  instructorCourses, instructorProfile, instructorCourseEditor,
  operatorOrganizations, operatorAdministrators, operatorAuditors, operatorMailbox, operatorRebuilds,
  operatorDeadLetters, operatorConsistency, operatorLegalHold, operatorRetention, operatorOverdue,
  operatorMarketing,
  auditorHistory, auditorVerification, auditorCheckpoints,
  me, privacyProfile, privacyConsents, privacyRights,
];

export default [...homes(pages), ...pages];

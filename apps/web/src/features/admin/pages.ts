/**
 * Everything under /admin, in one module the router imports lazily: operator pages become one chunk that a
 * customer's browser never downloads.
 */
import './i18n.ts';

export { BackupsPage } from '../backups/BackupsPage.tsx';
export { AccessRecordPage } from './AccessRecordPage.tsx';
export { AdminSignInPage } from './AdminSignInPage.tsx';
export { ApiKeysPage } from './ApiKeysPage.tsx';
export { CustomerPage } from './CustomerPage.tsx';
export { CustomersPage } from './CustomersPage.tsx';
export { InvitationPage } from './InvitationPage.tsx';
export { OwnAccountPage } from './OwnAccountPage.tsx';
export { RequireOperator } from './RequireOperator.tsx';
export { StoragePage } from './StoragePage.tsx';
export { TeamPage } from './TeamPage.tsx';

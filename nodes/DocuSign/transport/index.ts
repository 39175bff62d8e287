export { listUserAccounts, openSession } from './account';
export { accountWide, docuSignApiError, isAccountWide, OutcomeUnknownError } from './errors';
export { apiRequestAllItems, MAX_PAGE_SIZE } from './paging';
export { apiRequest } from './request';
export type { DocuSignContext, Session } from './request';
export { adminAccessAdvice } from './adminAccess';

export { listUserAccounts, openSession } from './account';
export { accountWide, docuSignApiError, isAccountWide } from './errors';
export { apiRequestAllItems, MAX_PAGE_SIZE } from './paging';
export { apiRequest, OutcomeUnknownError } from './request';
export type { DocuSignContext, Session } from './request';
export { adminAccessAdvice } from './adminAccess';

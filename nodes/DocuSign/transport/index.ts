export { openSession } from './account';
export { docuSignApiError, errorBodyOf } from './errors';
export { apiRequestAllItems, MAX_PAGE_SIZE } from './paging';
export type { PageRequest } from './paging';
export { apiRequest, CREDENTIAL_TYPE, OutcomeUnknownError } from './request';
export type { DocuSignContext, RequestSpec, Session, SessionSettings } from './request';

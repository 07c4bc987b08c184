export { AccountsService, readableAccounts, storedAccountsValid, type AccountsServiceOptions, type AccountsStore } from './accounts-service';
export { DEFAULT_CONNECTORS } from './connectors';
export type { AppCredentials, Connector, ConnectorContext, Endpoints } from './connectors/types';
export type { FetchLike } from './oauth/http';
export { BUILT_IN_APPS, builtInAppsFrom } from './built-in-apps';

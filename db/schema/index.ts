export * from './users';
export * from './organization';
export * from './activity';
export * from './outbox';
export * from './common';
export * from './policies';
export * from './incidents';
export * from './tasks';

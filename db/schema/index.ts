export * from './users';
export * from './organization';
export * from './activity';
export * from './outbox';

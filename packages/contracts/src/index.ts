export * from './attachments.ts';
export * from './cep.ts';
export * from './cpf.ts';
export * from './customer.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './pagination.ts';
export * from './phone.ts';

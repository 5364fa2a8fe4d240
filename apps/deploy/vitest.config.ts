export { default } from '@cadastro/local-aws/vitest-config';

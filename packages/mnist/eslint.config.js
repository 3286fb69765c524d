export { default } from '@scratchnet/eslint-config';

// Shared Prettier settings: wide lines suit the shape comments on kernels.
export default {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
};

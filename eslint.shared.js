// One lint policy for every package; each package's eslint.config.js only says where its tsconfig is.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export const baseRules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/consistent-type-imports': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use string unions, not enums.' }],
};

export function nodeConfig(tsconfigRootDir, extra = []) {
  return tseslint.config(
    { ignores: ['node_modules', 'build', 'dist', '.svelte-kit', 'coverage'] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: baseRules,
    },
    { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
    ...extra,
    prettier,
  );
}

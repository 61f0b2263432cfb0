import { nodeConfig } from '../eslint.shared.js';

export default nodeConfig(import.meta.dirname);

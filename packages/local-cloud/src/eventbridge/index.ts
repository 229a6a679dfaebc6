export type { Logger } from '../logger.js';
export type { CompiledPattern } from './pattern/index.js';
export {
  compilePattern,
  InvalidEventPatternError,
  matchesEventPattern,
  validateEventPattern,
} from './pattern/index.js';
export { type EventBridgeOptions, type RunningEventBridge, startEventBridge } from './server.js';

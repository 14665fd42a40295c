export {
  createOverlayCollector,
  colourize,
  safeFileName,
  IGNORE_COLOUR,
  PANEL_GAP,
} from './collector.js';
export type { OverlayCollector, OverlayOptions } from './collector.js';
export { imageMeanIou } from './score.js';

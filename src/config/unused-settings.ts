import { extname } from 'node:path';
import type { EvaluateSettings } from './settings.js';

/**
 * Lists settings that were given but have no effect in this run, one warning each, so a user who
 * expects an option to matter learns that it does not.
 */
export function unusedSettingWarnings(settings: EvaluateSettings): string[] {
  const warnings: string[] = [];
  const input = settings.input;

  if (settings.predictions !== null && input.normalize !== null) {
    warnings.push(
      `--normalize ${input.normalize} has no effect with --predictions: prediction files are scored as they are.`,
    );
  }
  if (settings.predictions !== null && input.inputSize !== null) {
    warnings.push('--input-size has no effect with --predictions: no model runs.');
  }
  const isOnnx = settings.model !== null && extname(settings.model).toLowerCase() === '.onnx';
  if ((isOnnx || settings.predictions !== null) && input.backend !== null) {
    warnings.push(
      `--backend ${input.backend} has no effect: it picks the TensorFlow.js backend, and this run uses ${isOnnx ? 'an ONNX model' : 'prediction files'}.`,
    );
  }
  if (settings.overlays === 0 && settings.overlaysDir !== null) {
    warnings.push(
      `--overlays-dir ${settings.overlaysDir} has no effect while --overlays is 0: pass --overlays K to draw the K worst images.`,
    );
  }
  return warnings;
}

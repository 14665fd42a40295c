import ort from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-node';

import type { Device } from '../config/settings.js';
import { InputError, UsageError, errorMessage } from '../errors.js';
import { formatShape } from './layout.js';
import type { RawOutput } from './output.js';
import type { NumericArray } from './output-values.js';

/** Runtime options of an ONNX session. */
export interface SessionSettings {
  readonly device: Device;
  /** Intra-op threads; null lets ONNX Runtime choose. */
  readonly threads: number | null;
}

/** An input or output tensor as the model declares it; symbolic dimensions keep their names. */
export interface DeclaredTensor {
  readonly name: string;
  readonly type: string;
  readonly shape: readonly (number | string)[];
}

/** ONNX Runtime severity 3 logs errors only, which keeps optimiser warnings out of CI logs. */
const LOG_ERRORS_ONLY = 3;

/**
 * Loads an ONNX model with the execution provider of `device`: `cpu` uses the CPU provider, `cuda`
 * uses the CUDA provider only, with no silent fallback to the CPU. Throws a UsageError when the
 * CUDA provider cannot be loaded and an InputError when the model file cannot be loaded.
 */
export async function createOnnxSession(
  modelPath: string,
  settings: SessionSettings,
): Promise<InferenceSession> {
  const options: InferenceSession.SessionOptions = {
    executionProviders: [settings.device],
    logSeverityLevel: LOG_ERRORS_ONLY,
    ...(settings.threads === null ? {} : { intraOpNumThreads: settings.threads }),
  };

  try {
    return await ort.InferenceSession.create(modelPath, options);
  } catch (error) {
    const message = errorMessage(error);
    if (settings.device === 'cuda' && /cuda|provider/i.test(message)) {
      throw new UsageError(
        `--device cuda failed: ONNX Runtime could not load its CUDA execution provider (${firstLine(message)}). ` +
          "Install ONNX Runtime's CUDA provider for CUDA 12 with `ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci` " +
          '(the onnxruntime-node install script must be allowed to run), or run with --device cpu.',
      );
    }
    throw new InputError(
      `Failed to load ONNX model ${modelPath}: ${firstLine(message)}. ` +
        'Expected an ONNX model file that ONNX Runtime 1.31 can load; re-export it or check the path.',
    );
  }
}

/**
 * Returns the tensors a session declares as inputs or outputs. Throws an InputError naming the
 * model when one of them is not a tensor (a sequence or map), which seg-gate cannot feed or read.
 */
export function declaredTensors(
  session: InferenceSession,
  which: 'input' | 'output',
  modelPath: string,
): DeclaredTensor[] {
  const metadata = which === 'input' ? session.inputMetadata : session.outputMetadata;
  return metadata.map((value) => {
    if (!value.isTensor) {
      throw new InputError(
        `Model ${modelPath} has the non-tensor ${which} "${value.name}": expected tensors only.`,
      );
    }
    return { name: value.name, type: value.type, shape: [...value.shape] };
  });
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim().replace(/\.+$/, '');
}

/**
 * Runs the model once on a float32 input of `dims` and returns its output `outputName`, copied out
 * of the runtime's tensor type. Throws an InputError naming the model when the run fails or the
 * output is not numeric.
 */
export async function runModel(
  session: InferenceSession,
  modelPath: string,
  tensors: { readonly input: string; readonly output: string },
  data: Float32Array,
  dims: readonly number[],
): Promise<RawOutput> {
  let results: InferenceSession.ReturnType;
  try {
    results = await session.run({ [tensors.input]: new ort.Tensor('float32', data, dims) }, [
      tensors.output,
    ]);
  } catch (error) {
    throw new InputError(
      `ONNX Runtime failed to run model ${modelPath} on input "${tensors.input}" ` +
        `${formatShape(dims)}: ${firstLine(errorMessage(error))}.`,
    );
  }

  const tensor = results[tensors.output];
  if (tensor === undefined || !ArrayBuffer.isView(tensor.data)) {
    throw new InputError(
      `Model ${modelPath} output "${tensors.output}" is not a numeric tensor ` +
        `(type ${tensor?.type ?? 'missing'}): expected scores or class ids.`,
    );
  }
  return { type: tensor.type, dims: [...tensor.dims], data: tensor.data as NumericArray };
}

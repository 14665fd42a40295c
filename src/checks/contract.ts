import type { CheckRecord, ContractFinding, ContractKind, ContractSource } from './types.js';

/** How many subjects a message names before it gives a count of the rest. */
export const MAX_LISTED_SUBJECTS = 20;

/** Lists the contract checks that apply to one run, by the kind of segmenter. */
export function contractCheckIds(segmenterKind: 'onnx' | 'tfjs' | 'predictions'): string[] {
  const labels = ['contract.labels.encoding', 'contract.labels.ids', 'contract.labels.size'];
  if (segmenterKind === 'predictions') {
    return [
      ...labels,
      'contract.predictions.encoding',
      'contract.predictions.ids',
      'contract.predictions.size',
    ];
  }
  return [...labels, 'contract.model.layout', 'contract.model.channels', 'contract.model.output'];
}

/** Sentence-initial names of the sources in messages. */
const SOURCE_TITLES: Readonly<Record<ContractSource, string>> = {
  labels: 'Labels',
  predictions: 'Predictions',
  model: 'Model',
};

/** Collects contract findings over a run, grouped by source and kind. */
export class ContractLedger {
  private readonly groups = new Map<string, ContractFinding[]>();

  /** Records findings; each kind of violation is reported once at the end, with every subject. */
  add(findings: readonly ContractFinding[]): void {
    for (const finding of findings) {
      const id = checkIdFor(finding.source, finding.kind);
      const group = this.groups.get(id) ?? [];
      group.push(finding);
      this.groups.set(id, group);
    }
  }

  /** True when a finding of this source and kind was recorded. */
  has(source: ContractSource, kind: ContractKind): boolean {
    return this.groups.has(checkIdFor(source, kind));
  }

  /** Number of findings recorded. */
  get size(): number {
    let count = 0;
    for (const group of this.groups.values()) {
      count += group.length;
    }
    return count;
  }

  /**
   * Builds one check record per applicable check id: `fail` with the evidence when findings were
   * recorded, `pass` otherwise. Ids with findings that are not in `checkIds` are appended.
   */
  toChecks(checkIds: readonly string[], context: ContractContext): CheckRecord[] {
    const ids = [...checkIds];
    for (const id of this.groups.keys()) {
      if (!ids.includes(id)) {
        ids.push(id);
      }
    }
    return ids.map((id) => {
      const findings = this.groups.get(id);
      if (!findings || findings.length === 0) {
        return { id, status: 'pass', message: passMessage(id, context) };
      }
      return { id, status: 'fail', message: failMessage(id, findings, context) };
    });
  }
}

/** Facts the messages quote. */
export interface ContractContext {
  readonly numClasses: number;
  readonly ignoreIndex: number;
  /** Images looked at (labels scanned). */
  readonly imageCount: number;
}

/** Check id for a source and kind, for example `contract.labels.encoding`. */
export function checkIdFor(source: ContractSource, kind: ContractKind): string {
  return `contract.${source}.${kind}`;
}

function passMessage(id: string, context: ContractContext): string {
  const maxId = context.numClasses - 1;
  switch (id) {
    case 'contract.labels.encoding':
      return `All ${context.imageCount} labels are 8-bit single-channel class-id PNGs.`;
    case 'contract.labels.ids':
      return `All label values are class ids 0..${maxId} or the ignore index ${context.ignoreIndex}.`;
    case 'contract.labels.size':
      return 'Every label has the size of its image.';
    case 'contract.predictions.encoding':
      return 'All prediction files are 8-bit single-channel class-id PNGs.';
    case 'contract.predictions.ids':
      return `All predicted values are class ids 0..${maxId}.`;
    case 'contract.predictions.size':
      return 'Every prediction has the size of its label.';
    case 'contract.model.layout':
      return 'The model input and output layouts were determined.';
    case 'contract.model.channels':
      return `The model output matches ${context.numClasses} classes.`;
    case 'contract.model.output':
      return 'Every model output was finite and decodable into class ids.';
    default:
      return 'No violation found.';
  }
}

function failMessage(
  id: string,
  findings: readonly ContractFinding[],
  context: ContractContext,
): string {
  const first = findings[0] as ContractFinding;
  const subjects = listSubjects(findings);
  const values = formatValues(findings);
  const what = describeViolation(first.source, first.kind, context);
  const cause = likelyCause(first.source, first.kind, context);
  const broken = `Broken by the ${first.source === 'model' ? 'model' : first.source}.`;

  const parts = [`${what} in ${countFiles(findings, first.source)}: ${subjects}.`];
  if (values) {
    parts.push(`Offending values (pixels): ${values}.`);
  }
  parts.push(broken, cause);
  return parts.join(' ');
}

function countFiles(findings: readonly ContractFinding[], source: ContractSource): string {
  if (source === 'model') {
    return 'the model';
  }
  const noun = source === 'labels' ? 'label' : 'prediction';
  return `${findings.length} ${noun} file${findings.length === 1 ? '' : 's'}`;
}

function listSubjects(findings: readonly ContractFinding[]): string {
  const listed = findings
    .slice(0, MAX_LISTED_SUBJECTS)
    .map((finding) => `${finding.subject} (${finding.detail})`);
  const rest = findings.length - listed.length;
  return rest > 0 ? `${listed.join(', ')} and ${rest} more` : listed.join(', ');
}

function formatValues(findings: readonly ContractFinding[]): string {
  const totals = new Map<number, number>();
  for (const finding of findings) {
    for (const [value, pixels] of finding.values ?? []) {
      totals.set(value, (totals.get(value) ?? 0) + pixels);
    }
  }
  return [...totals.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([value, pixels]) => `${value} (${pixels})`)
    .join(', ');
}

function describeViolation(
  source: ContractSource,
  kind: ContractKind,
  context: ContractContext,
): string {
  const maxId = context.numClasses - 1;
  const subject = SOURCE_TITLES[source];
  switch (kind) {
    case 'encoding':
      return `${subject} are not 8-bit single-channel class-id images`;
    case 'ids':
      return source === 'labels'
        ? `Labels hold values outside the class ids 0..${maxId} and the ignore index ${context.ignoreIndex}`
        : `Predictions hold values outside the class ids 0..${maxId}`;
    case 'size':
      return source === 'labels'
        ? 'Labels differ in size from their images'
        : 'Predictions differ in size from their labels';
    case 'layout':
      return 'The model tensor layout is ambiguous';
    case 'channels':
      return `The model output channels do not match --num-classes ${context.numClasses}`;
    case 'output':
      return 'The model output could not be decoded into class ids';
  }
}

function likelyCause(source: ContractSource, kind: ContractKind, context: ContractContext): string {
  switch (`${source}.${kind}`) {
    case 'labels.encoding':
      return 'Class-id masks must be palette or 8-bit grey PNGs whose values are class ids; an RGB label usually means the palette PNG was saved as colours (for example PIL convert("RGB") or cv2.imread without IMREAD_UNCHANGED), and a 16-bit label was written with the wrong dtype.';
    case 'labels.ids':
      return `Values above the class range usually mean grey luminance of palette colours, labels resized with interpolation, or the wrong --num-classes or --ignore-index (now ${context.numClasses} and ${context.ignoreIndex}); these images were not scored.`;
    case 'labels.size':
      return 'Labels must have the size of their images; a resized label or a mismatched file pair is likely. These images were not scored.';
    case 'predictions.encoding':
      return 'Prediction files must be palette or 8-bit grey PNGs of class ids, one per image id; save the argmax as uint8 without colour mapping.';
    case 'predictions.ids':
      return `Predictions must be class ids 0..${context.numClasses - 1}; the ignore index is not a prediction. Ids shifted by one or a colour-mapped mask are common causes. These images were not scored.`;
    case 'predictions.size':
      return 'Predictions must match the label size; predictions saved at the model resolution need resizing (nearest neighbour) to the label size first. These images were not scored.';
    case 'model.layout':
      return 'Pass --layout nhwc or --layout nchw to say how the model stores channels.';
    case 'model.channels':
      return 'A head trained with another class count, a missing background channel, or the wrong --num-classes are likely; the model was not scored.';
    case 'model.output':
      return 'Non-finite values or an unexpected output shape usually come from a broken export or a preprocessing mismatch; these images were not scored.';
    default:
      return '';
  }
}

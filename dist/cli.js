#!/usr/bin/env node
import { createRequire as __segGateCreateRequire } from 'node:module';
const require = __segGateCreateRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all2) => {
  for (var name in all2)
    __defProp(target, name, { get: all2[name], enumerable: true });
};

// src/errors.ts
function invalidOption(option, expected, received) {
  return new UsageError(
    `Invalid value for ${option}: expected ${expected}, received ${formatReceived(received)}.`
  );
}
function formatReceived(value) {
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (value === void 0) {
    return "nothing";
  }
  return String(value);
}
function exitCodeFor(error) {
  if (error instanceof UsageError || error instanceof InputError) {
    return ExitCode.usageOrInput;
  }
  return ExitCode.internal;
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
var ExitCode, UsageError, InputError;
var init_errors = __esm({
  "src/errors.ts"() {
    "use strict";
    ExitCode = {
      pass: 0,
      gateFailed: 1,
      usageOrInput: 2,
      internal: 3
    };
    UsageError = class extends Error {
      name = "UsageError";
    };
    InputError = class extends Error {
      name = "InputError";
    };
  }
});

// package.json
var package_default;
var init_package = __esm({
  "package.json"() {
    package_default = {
      name: "seg-gate",
      version: "0.1.0",
      description: "CI regression gate for semantic segmentation models: mIoU, per-class IoU and recall, collapse and contract checks, baseline comparison.",
      type: "module",
      license: "MIT",
      bin: {
        "seg-gate": "dist/cli.js"
      },
      engines: {
        node: ">=20.19"
      },
      scripts: {
        build: "node scripts/build.mjs",
        "check-dist": "node scripts/build.mjs --check",
        typecheck: "tsc --noEmit",
        lint: "eslint . && tsc --noEmit",
        format: "prettier --write .",
        "format:check": "prettier --check .",
        test: "vitest run",
        bench: "node --import tsx bench/run.ts"
      },
      dependencies: {
        "@tensorflow/tfjs-backend-cpu": "^4.22.0",
        "@tensorflow/tfjs-backend-wasm": "^4.22.0",
        "@tensorflow/tfjs-converter": "^4.22.0",
        "@tensorflow/tfjs-core": "^4.22.0",
        "@tensorflow/tfjs-layers": "^4.22.0",
        ajv: "^8.20.0",
        commander: "^14.0.3",
        "fast-png": "^8.0.0",
        "onnxruntime-node": "1.31.1",
        sharp: "^0.35.6",
        yaml: "^2.9.1"
      },
      devDependencies: {
        "@actions/cache": "^6.3.0",
        "@actions/core": "^3.0.1",
        "@eslint/js": "^9.39.5",
        "@types/node": "^20.19.43",
        esbuild: "^0.28.2",
        eslint: "^9.39.5",
        "fast-check": "^4.11.0",
        prettier: "^3.10.1",
        tsx: "^4.23.15",
        typescript: "^5.9.3",
        "typescript-eslint": "^8.74.0",
        vitest: "^4.1.12"
      },
      allowScripts: {
        "onnxruntime-node": false,
        esbuild: true
      }
    };
  }
});

// src/version.ts
var TOOL_VERSION;
var init_version = __esm({
  "src/version.ts"() {
    "use strict";
    init_package();
    TOOL_VERSION = package_default.version;
  }
});

// src/checks/ids.ts
function isCheckId(id) {
  return KNOWN_IDS.has(id);
}
var CHECK_IDS, KNOWN_IDS;
var init_ids = __esm({
  "src/checks/ids.ts"() {
    "use strict";
    CHECK_IDS = [
      "contract.labels.encoding",
      "contract.labels.ids",
      "contract.labels.size",
      "contract.labels.interpolated",
      "contract.labels.ignored-share",
      "contract.predictions.encoding",
      "contract.predictions.ids",
      "contract.predictions.size",
      "contract.predictions.constant",
      "contract.model.layout",
      "contract.model.channels",
      "contract.model.output",
      "contract.model.non-finite",
      "contract.model.logit-magnitude",
      "contract.model.batch-consistency",
      "collapse.dominant-class",
      "collapse.missing-classes",
      "collapse.per-image",
      "collapse.trivial-baseline",
      "threshold.miou",
      "threshold.class-iou",
      "threshold.class-recall",
      "regression.miou",
      "regression.class-iou"
    ];
    KNOWN_IDS = new Set(CHECK_IDS);
  }
});

// src/checks/levels.ts
function validateCheckLevels(levels) {
  const unknown = Object.keys(levels).filter((id) => !isCheckId(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown check id${unknown.length === 1 ? "" : "s"} in the check levels: ${unknown.map((id) => JSON.stringify(id)).join(", ")}. Known check ids: ${CHECK_IDS.join(", ")}.`
    );
  }
  for (const [id, level] of Object.entries(levels)) {
    if (!CHECK_LEVELS.includes(level)) {
      throw invalidOption(`the level of ${id}`, CHECK_LEVELS.join(", "), level);
    }
  }
  return levels;
}
function applyLevels(checks, levels) {
  const valid = validateCheckLevels(levels);
  return checks.map((check) => {
    const level = isCheckId(check.id) ? valid[check.id] : void 0;
    return level === void 0 ? check : applyLevel(check, level);
  });
}
function applyLevel(check, level) {
  switch (level) {
    case "fail":
      return check;
    case "warn":
      if (check.status !== "fail") {
        return check;
      }
      return {
        ...check,
        status: "warn",
        message: `${check.message} Reported as a warning because its level is set to warn (checks: in the config or --checks).`
      };
    case "off":
      return {
        ...check,
        status: "skip",
        message: `Disabled by its level off (checks: in the config or --checks), so it does not affect the verdict. Without the override it would report ${check.status}: ${check.message}`
      };
  }
}
var CHECK_LEVELS;
var init_levels = __esm({
  "src/checks/levels.ts"() {
    "use strict";
    init_errors();
    init_ids();
    CHECK_LEVELS = ["off", "warn", "fail"];
  }
});

// src/dataset/label-map.ts
function parseLabelMap(text, ignoreIndex) {
  const tokens = text.split(",").map((token) => token.trim());
  const pairs = [];
  const listed = /* @__PURE__ */ new Set();
  let fallback = null;
  for (const token of tokens) {
    const [source, target] = parsePair(token);
    if (source === "*") {
      if (fallback !== null) {
        throw invalidOption("--label-map", `${EXPECTED_SYNTAX}; * is listed twice`, token);
      }
      fallback = target;
      continue;
    }
    if (listed.has(source)) {
      throw invalidOption("--label-map", `${EXPECTED_SYNTAX}; id ${source} is listed twice`, token);
    }
    listed.add(source);
    pairs.push([source, target]);
  }
  const lookup = buildLookup(pairs, fallback, ignoreIndex);
  const canonical = pairs.map(([source, target]) => `${source}:${target}`);
  if (fallback !== null) {
    canonical.push(`*:${fallback}`);
  }
  return { lookup, pairs, fallback, text: canonical.join(",") };
}
function applyLabelMap(map, mask) {
  const data = new Uint8Array(mask.data.length);
  const lookup = map.lookup;
  for (let i = 0; i < data.length; i++) {
    data[i] = lookup[mask.data[i]];
  }
  return { width: mask.width, height: mask.height, data };
}
function parsePair(token) {
  const match = /^(\*|\d+)\s*:\s*(\d+)$/.exec(token);
  if (!match) {
    throw invalidOption("--label-map", EXPECTED_SYNTAX, token);
  }
  const sourceText = match[1];
  const source = sourceText === "*" ? "*" : parseId(sourceText, token);
  const target = parseId(match[2], token);
  return [source, target];
}
function parseId(digits, token) {
  const id = Number(digits);
  if (id >= ID_COUNT) {
    throw invalidOption("--label-map", `${EXPECTED_SYNTAX}; ${id} is above 255`, token);
  }
  return id;
}
function buildLookup(pairs, fallback, ignoreIndex) {
  const lookup = new Uint8Array(ID_COUNT);
  for (let id = 0; id < ID_COUNT; id++) {
    lookup[id] = fallback === null || id === ignoreIndex ? id : fallback;
  }
  for (const [source, target] of pairs) {
    lookup[source] = target;
  }
  return lookup;
}
var ID_COUNT, EXPECTED_SYNTAX;
var init_label_map = __esm({
  "src/dataset/label-map.ts"() {
    "use strict";
    init_errors();
    ID_COUNT = 256;
    EXPECTED_SYNTAX = "comma-separated SRC:DST pairs of class ids 0..255, with * as SRC for every id not listed (for example 15:1,*:0)";
  }
});

// src/config/settings.ts
var NORMALIZE_MODES, CHANNEL_ORDERS, RESIZE_MODES, LAYOUTS, UPSAMPLE_MODES, DEVICES, BACKENDS, PROGRESS_MODES, DEFAULT_MAX_PIXELS, DEFAULT_NUM_CLASSES, DEFAULT_IGNORE_INDEX, DEFAULT_SPLIT, DEFAULT_THRESHOLD;
var init_settings = __esm({
  "src/config/settings.ts"() {
    "use strict";
    NORMALIZE_MODES = ["tf", "torch", "caffe", "unit", "none"];
    CHANNEL_ORDERS = ["rgb", "bgr"];
    RESIZE_MODES = ["stretch", "pad"];
    LAYOUTS = ["auto", "nhwc", "nchw"];
    UPSAMPLE_MODES = ["logits", "classes"];
    DEVICES = ["cpu", "cuda"];
    BACKENDS = ["tensorflow", "wasm", "cpu"];
    PROGRESS_MODES = ["auto", "bar", "lines", "off"];
    DEFAULT_MAX_PIXELS = 5e7;
    DEFAULT_NUM_CLASSES = 21;
    DEFAULT_IGNORE_INDEX = 255;
    DEFAULT_SPLIT = "val";
    DEFAULT_THRESHOLD = 0.5;
  }
});

// src/checks/defaults.ts
var DEFAULT_COLLAPSE_OPTIONS, DEFAULT_IMAGE_ANALYSIS_OPTIONS, DEFAULT_THRESHOLD_OPTIONS, DEFAULT_REGRESSION_OPTIONS;
var init_defaults = __esm({
  "src/checks/defaults.ts"() {
    "use strict";
    DEFAULT_COLLAPSE_OPTIONS = {
      dominantShare: 0.95,
      dominantExcess: 0.15,
      missingClassesFailFraction: 0.5,
      singleClassImagesFailFraction: 0.5,
      trivialMiouMargin: 0.05
    };
    DEFAULT_IMAGE_ANALYSIS_OPTIONS = {
      maxInteriorFraction: 0.05,
      minBetweenFraction: 0.5,
      interpolatedMinPixels: 50,
      ignoredShareWarn: 0.25,
      ignoredShareFail: 0.5,
      maxAbsLogit: 1e3,
      constantMinImages: 3,
      signatureSize: 16
    };
    DEFAULT_THRESHOLD_OPTIONS = {
      minMiou: null,
      minClassIou: null,
      minClassRecall: null,
      classes: {}
    };
    DEFAULT_REGRESSION_OPTIONS = {
      maxMiouDrop: 0.01,
      maxClassIouDrop: 0.1,
      resamples: 1e3,
      seed: 12345,
      confidence: 0.95
    };
  }
});

// src/checks/options.ts
function resolveCollapseOptions(options = {}) {
  const resolved = { ...DEFAULT_COLLAPSE_OPTIONS, ...options };
  requireFraction("dominantShare", resolved.dominantShare);
  requireFraction("dominantExcess", resolved.dominantExcess);
  requireFraction("missingClassesFailFraction", resolved.missingClassesFailFraction);
  requireFraction("singleClassImagesFailFraction", resolved.singleClassImagesFailFraction);
  requireFraction("trivialMiouMargin", resolved.trivialMiouMargin);
  return resolved;
}
function resolveImageAnalysisOptions(options = {}) {
  const resolved = { ...DEFAULT_IMAGE_ANALYSIS_OPTIONS, ...options };
  requireFraction("maxInteriorFraction", resolved.maxInteriorFraction);
  requireFraction("minBetweenFraction", resolved.minBetweenFraction);
  requireInteger("interpolatedMinPixels", resolved.interpolatedMinPixels, 0);
  requireFraction("ignoredShareWarn", resolved.ignoredShareWarn);
  requireFraction("ignoredShareFail", resolved.ignoredShareFail);
  if (resolved.ignoredShareFail < resolved.ignoredShareWarn) {
    throw invalidOption(
      "ignoredShareFail",
      `a share at or above ignoredShareWarn ${resolved.ignoredShareWarn}`,
      resolved.ignoredShareFail
    );
  }
  if (!Number.isFinite(resolved.maxAbsLogit) || resolved.maxAbsLogit <= 0) {
    throw invalidOption("maxAbsLogit", "a finite number above 0", resolved.maxAbsLogit);
  }
  requireInteger("constantMinImages", resolved.constantMinImages, 2);
  requireInteger("signatureSize", resolved.signatureSize, 1);
  return resolved;
}
function resolveRegressionOptions(options = {}) {
  const resolved = { ...DEFAULT_REGRESSION_OPTIONS, ...options };
  requireFraction("maxMiouDrop", resolved.maxMiouDrop);
  requireFraction("maxClassIouDrop", resolved.maxClassIouDrop);
  requireInteger("resamples", resolved.resamples, 1);
  requireInteger("seed", resolved.seed, 0, 2 ** 32 - 1);
  if (!(resolved.confidence > 0 && resolved.confidence < 1)) {
    throw invalidOption("confidence", "a number between 0 and 1 (exclusive)", resolved.confidence);
  }
  return resolved;
}
function requireFraction(name, value) {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw invalidOption(name, "a number in [0, 1]", value);
  }
}
function requireInteger(name, value, min, max4 = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < min || value > max4) {
    const range = max4 === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}..${max4}`;
    throw invalidOption(name, `an integer ${range}`, value);
  }
}
var init_options = __esm({
  "src/checks/options.ts"() {
    "use strict";
    init_errors();
    init_defaults();
  }
});

// src/report/format.ts
function formatRatio(value) {
  return value === null ? NO_VALUE : value.toFixed(4);
}
function formatCount(value) {
  const sign = value < 0 ? "-" : "";
  const digits = String(Math.round(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function formatPercent(fraction2) {
  return `${(fraction2 * 100).toFixed(1)}%`;
}
function formatRate(perSecond) {
  if (perSecond === null) {
    return NO_VALUE;
  }
  return perSecond >= 1 ? perSecond.toFixed(1) : perSecond.toFixed(2);
}
function formatDuration(ms) {
  if (Math.round(ms) < 1e3) {
    return `${Math.round(ms)}ms`;
  }
  const tenths = Math.round(ms / 100);
  if (tenths < 600) {
    return `${(tenths / 10).toFixed(1)}s`;
  }
  return formatWholeSeconds(ms);
}
function formatWholeSeconds(ms) {
  const seconds = Math.max(0, Math.round(ms / 1e3));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)}m ${pad2(seconds % 60)}s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${pad2(minutes % 60)}m`;
}
function pad2(value) {
  return String(value).padStart(2, "0");
}
var NO_VALUE;
var init_format = __esm({
  "src/report/format.ts"() {
    "use strict";
    NO_VALUE = "\u2014";
  }
});

// src/checks/contract.ts
function contractCheckIds(segmenterKind) {
  const labels = ["contract.labels.encoding", "contract.labels.ids", "contract.labels.size"];
  if (segmenterKind === "predictions") {
    return [
      ...labels,
      "contract.predictions.encoding",
      "contract.predictions.ids",
      "contract.predictions.size"
    ];
  }
  return [...labels, "contract.model.layout", "contract.model.channels", "contract.model.output"];
}
function checkIdFor(source, kind) {
  return `contract.${source}.${kind}`;
}
function passMessage(id, context) {
  const maxId = context.numClasses - 1;
  switch (id) {
    case "contract.labels.encoding":
      return `All ${context.imageCount} labels are 8-bit single-channel class-id PNGs.`;
    case "contract.labels.ids":
      return `All label values are class ids 0..${maxId} or the ignore index ${context.ignoreIndex}.`;
    case "contract.labels.size":
      return "Every label has the size of its image.";
    case "contract.predictions.encoding":
      return "All prediction files are 8-bit single-channel class-id PNGs.";
    case "contract.predictions.ids":
      return `All predicted values are class ids 0..${maxId}.`;
    case "contract.predictions.size":
      return "Every prediction has the size of its label.";
    case "contract.model.layout":
      return "The model input and output layouts were determined.";
    case "contract.model.channels":
      return `The model output matches ${context.numClasses} classes.`;
    case "contract.model.output":
      return "Every model output was finite and decodable into class ids.";
    default:
      return "No violation found.";
  }
}
function failMessage(id, findings, context) {
  const first = findings[0];
  const subjects = listSubjects(findings);
  const values = formatValues(findings);
  const what = describeViolation(first.source, first.kind, context);
  const cause = likelyCause(first.source, first.kind, context);
  const broken = `Broken by the ${first.source === "model" ? "model" : first.source}.`;
  const parts = [`${what} in ${countFiles(findings, first.source)}: ${subjects}.`];
  if (values) {
    parts.push(`Offending values (pixels): ${values}.`);
  }
  parts.push(broken, cause);
  return parts.join(" ");
}
function countFiles(findings, source) {
  if (source === "model") {
    return "the model";
  }
  const noun = source === "labels" ? "label" : "prediction";
  return `${findings.length} ${noun} file${findings.length === 1 ? "" : "s"}`;
}
function listSubjects(findings) {
  const listed = findings.slice(0, MAX_LISTED_SUBJECTS).map((finding2) => `${finding2.subject} (${finding2.detail})`);
  const rest = findings.length - listed.length;
  return rest > 0 ? `${listed.join(", ")} and ${rest} more` : listed.join(", ");
}
function formatValues(findings) {
  const totals = /* @__PURE__ */ new Map();
  for (const finding2 of findings) {
    for (const [value, pixels] of finding2.values ?? []) {
      totals.set(value, (totals.get(value) ?? 0) + pixels);
    }
  }
  return [...totals.entries()].sort((a, b) => a[0] - b[0]).map(([value, pixels]) => `${value} (${pixels})`).join(", ");
}
function describeViolation(source, kind, context) {
  const maxId = context.numClasses - 1;
  const subject = SOURCE_TITLES[source];
  switch (kind) {
    case "encoding":
      return `${subject} are not 8-bit single-channel class-id images`;
    case "ids":
      return source === "labels" ? `Labels hold values outside the class ids 0..${maxId} and the ignore index ${context.ignoreIndex}` : `Predictions hold values outside the class ids 0..${maxId}`;
    case "size":
      return source === "labels" ? "Labels differ in size from their images" : "Predictions differ in size from their labels";
    case "layout":
      return "The model tensor layout is ambiguous";
    case "channels":
      return `The model output channels do not match --num-classes ${context.numClasses}`;
    case "output":
      return "The model output could not be decoded into class ids";
  }
}
function likelyCause(source, kind, context) {
  switch (`${source}.${kind}`) {
    case "labels.encoding":
      return 'Class-id masks must be palette or 8-bit grey PNGs whose values are class ids; an RGB label usually means the palette PNG was saved as colours (for example PIL convert("RGB") or cv2.imread without IMREAD_UNCHANGED), and a 16-bit label was written with the wrong dtype.';
    case "labels.ids":
      return `Values above the class range usually mean grey luminance of palette colours, labels resized with interpolation, or the wrong --num-classes or --ignore-index (now ${context.numClasses} and ${context.ignoreIndex}); these images were not scored.`;
    case "labels.size":
      return "Labels must have the size of their images; a resized label or a mismatched file pair is likely. These images were not scored.";
    case "predictions.encoding":
      return "Prediction files must be palette or 8-bit grey PNGs of class ids, one per image id; save the argmax as uint8 without colour mapping.";
    case "predictions.ids":
      return `Predictions must be class ids 0..${context.numClasses - 1}; the ignore index is not a prediction. Ids shifted by one or a colour-mapped mask are common causes. These images were not scored.`;
    case "predictions.size":
      return "Predictions must match the label size; predictions saved at the model resolution need resizing (nearest neighbour) to the label size first. These images were not scored.";
    case "model.layout":
      return "Pass --layout nhwc or --layout nchw to say how the model stores channels.";
    case "model.channels":
      return "A head trained with another class count, a missing background channel, or the wrong --num-classes are likely; the model was not scored.";
    case "model.output":
      return "Non-finite values or an unexpected output shape usually come from a broken export or a preprocessing mismatch; these images were not scored.";
    default:
      return "";
  }
}
var MAX_LISTED_SUBJECTS, SOURCE_TITLES, ContractLedger;
var init_contract = __esm({
  "src/checks/contract.ts"() {
    "use strict";
    MAX_LISTED_SUBJECTS = 20;
    SOURCE_TITLES = {
      labels: "Labels",
      predictions: "Predictions",
      model: "Model"
    };
    ContractLedger = class {
      groups = /* @__PURE__ */ new Map();
      /** Records findings; each kind of violation is reported once at the end, with every subject. */
      add(findings) {
        for (const finding2 of findings) {
          const id = checkIdFor(finding2.source, finding2.kind);
          const group = this.groups.get(id) ?? [];
          group.push(finding2);
          this.groups.set(id, group);
        }
      }
      /** True when a finding of this source and kind was recorded. */
      has(source, kind) {
        return this.groups.has(checkIdFor(source, kind));
      }
      /** Number of findings recorded. */
      get size() {
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
      toChecks(checkIds, context) {
        const ids = [...checkIds];
        for (const id of this.groups.keys()) {
          if (!ids.includes(id)) {
            ids.push(id);
          }
        }
        return ids.map((id) => {
          const findings = this.groups.get(id);
          if (!findings || findings.length === 0) {
            return { id, status: "pass", message: passMessage(id, context) };
          }
          return { id, status: "fail", message: failMessage(id, findings, context) };
        });
      }
    };
  }
});

// src/checks/listing.ts
function listWithRest(items, max4 = MAX_LISTED_SUBJECTS) {
  const listed = items.slice(0, max4);
  const rest = items.length - listed.length;
  return rest > 0 ? `${listed.join(", ")} and ${rest} more` : listed.join(", ");
}
function countOf(count, singular, plural2 = `${singular}s`) {
  return `${count} ${count === 1 ? singular : plural2}`;
}
function className(names, id) {
  return names[id] ?? `class ${id}`;
}
var MAX_EXAMPLE_IDS;
var init_listing = __esm({
  "src/checks/listing.ts"() {
    "use strict";
    init_contract();
    MAX_EXAMPLE_IDS = 5;
  }
});

// src/checks/tolerance.ts
function isAtLeast(value, limit) {
  return value >= limit - RATIO_TOLERANCE;
}
function isAbove(value, limit) {
  return value > limit + RATIO_TOLERANCE;
}
function isBelow(value, limit) {
  return value < limit - RATIO_TOLERANCE;
}
var RATIO_TOLERANCE;
var init_tolerance = __esm({
  "src/checks/tolerance.ts"() {
    "use strict";
    RATIO_TOLERANCE = 1e-9;
  }
});

// src/checks/thresholds.ts
function runThresholdChecks(input, options = {}) {
  const resolved = { ...DEFAULT_THRESHOLD_OPTIONS, ...options };
  validateThresholds(
    resolved,
    input.classes.map((entry) => entry.name)
  );
  return [
    checkMiou(input.miou, resolved.minMiou),
    checkClasses(input, resolved, "iou"),
    checkClasses(input, resolved, "recall")
  ];
}
function validateThresholds(options, classNames) {
  const unknown = Object.keys(options.classes).filter((name) => !classNames.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown class name${unknown.length === 1 ? "" : "s"} in the per-class thresholds: ${unknown.map((name) => JSON.stringify(name)).join(", ")}. Known class names: ${classNames.join(", ")}.`
    );
  }
  for (const [name, value] of [
    ["minMiou", options.minMiou],
    ["minClassIou", options.minClassIou],
    ["minClassRecall", options.minClassRecall]
  ]) {
    if (value !== null) {
      requireFraction(name, value);
    }
  }
  for (const [name, override] of Object.entries(options.classes)) {
    if (override.minIou !== void 0 && override.minIou !== null) {
      requireFraction(`${name}.minIou`, override.minIou);
    }
    if (override.minRecall !== void 0 && override.minRecall !== null) {
      requireFraction(`${name}.minRecall`, override.minRecall);
    }
  }
}
function checkMiou(miou, minimum) {
  const id = "threshold.miou";
  if (minimum === null) {
    return { id, status: "skip", message: "No minimum mIoU is set." };
  }
  if (miou === null) {
    return {
      id,
      status: "fail",
      message: `No pixel was scored, so mIoU is undefined and cannot meet the minimum ${formatRatio(minimum)}; the contract checks give the reason.`
    };
  }
  if (isBelow(miou, minimum)) {
    return {
      id,
      status: "fail",
      message: `mIoU ${formatRatio(miou)} is below the minimum ${formatRatio(minimum)}, short by ${formatRatio(minimum - miou)}. The per-class IoU shows which classes pull it down.`
    };
  }
  return {
    id,
    status: "pass",
    message: `mIoU ${formatRatio(miou)} meets the minimum ${formatRatio(minimum)}.`
  };
}
function checkClasses(input, options, metric) {
  const id = metric === "iou" ? "threshold.class-iou" : "threshold.class-recall";
  const { label: label3, absent, cause } = METRIC_TEXT[metric];
  const limited = input.classes.flatMap((entry) => {
    const minimum = classMinimum(options, entry.name, metric);
    return minimum === null ? [] : [{ ...entry, value: entry[metric], minimum }];
  });
  if (limited.length === 0) {
    return {
      id,
      status: "skip",
      message: `No minimum class ${label3} is set, globally or per class.`
    };
  }
  const undefinedValues = limited.filter((entry) => entry.value === null);
  const checked = limited.flatMap(
    (entry) => entry.value === null ? [] : [{ ...entry, value: entry.value }]
  );
  const failing = checked.filter((entry) => isBelow(entry.value, entry.minimum));
  const note = undefinedValues.length === 0 ? "" : ` Not checked because they are ${absent} (no ${label3}): ${listWithRest(undefinedValues.map((entry) => entry.name))}.`;
  if (failing.length > 0) {
    const listed = failing.map((entry) => `${entry.name} ${formatRatio(entry.value)} < ${formatRatio(entry.minimum)}`).join(", ");
    return {
      id,
      status: "fail",
      message: `${failing.length} of ${countOf(checked.length, "checked class", "checked classes")} ${failing.length === 1 ? "is" : "are"} below the minimum ${label3}: ${listed}. ${cause}${note}`
    };
  }
  if (checked.length === 0) {
    return {
      id,
      status: "skip",
      message: `No class with a minimum ${label3} has a defined ${label3}.${note}`
    };
  }
  return {
    id,
    status: "pass",
    message: `All ${countOf(checked.length, "checked class", "checked classes")} meet their minimum ${label3} (${describeMinimums(options, metric)}).${note}`
  };
}
function classMinimum(options, name, metric) {
  const override = options.classes[name];
  const key = metric === "iou" ? "minIou" : "minRecall";
  if (override !== void 0 && override[key] !== void 0) {
    return override[key] ?? null;
  }
  return metric === "iou" ? options.minClassIou : options.minClassRecall;
}
function describeMinimums(options, metric) {
  const global = metric === "iou" ? options.minClassIou : options.minClassRecall;
  const key = metric === "iou" ? "minIou" : "minRecall";
  const overrides = Object.entries(options.classes).flatMap(([name, override]) => {
    const value = override[key];
    if (value === void 0) {
      return [];
    }
    return [`${name} ${value === null ? "none" : formatRatio(value)}`];
  });
  const parts = [global === null ? "no global minimum" : `global minimum ${formatRatio(global)}`];
  if (overrides.length > 0) {
    parts.push(`overrides: ${overrides.join(", ")}`);
  }
  return parts.join("; ");
}
var METRIC_TEXT;
var init_thresholds = __esm({
  "src/checks/thresholds.ts"() {
    "use strict";
    init_errors();
    init_format();
    init_defaults();
    init_listing();
    init_options();
    init_tolerance();
    METRIC_TEXT = {
      iou: {
        label: "IoU",
        absent: "absent from labels and predictions",
        cause: "Their recall and precision tell whether pixels are missed or confused with other classes."
      },
      recall: {
        label: "recall",
        absent: "absent from the labels",
        cause: "The model misses these classes on many of their labelled pixels; the confusion matrix rows show which classes take them."
      }
    };
  }
});

// src/segmenters/normalize.ts
function colourAffine(mode) {
  switch (mode) {
    case "tf":
      return uniform(1 / 127.5, -1);
    case "torch":
      return {
        scale: mapColours((c) => 1 / (255 * IMAGENET_STD[c])),
        offset: mapColours((c) => -IMAGENET_MEAN[c] / IMAGENET_STD[c])
      };
    case "caffe":
      return { scale: [1, 1, 1], offset: mapColours((c) => -CAFFE_MEAN[c]) };
    case "unit":
      return uniform(1 / 255, 0);
    case "none":
      return uniform(1, 0);
  }
}
function uniform(scale, offset) {
  return { scale: [scale, scale, scale], offset: [offset, offset, offset] };
}
function mapColours(f) {
  return [f(0), f(1), f(2)];
}
function missingNormalizeError(modelPath) {
  const modes = NORMALIZE_MODES.map(
    (mode) => `  ${mode.padEnd(6)}${NORMALIZE_MODE_MEANINGS[mode]}`
  );
  return new UsageError(
    [
      `No pixel normalisation is set for model ${modelPath}: running a model needs the scaling it was trained with.`,
      "Set it with --normalize MODE or `normalize: MODE` in the config file, where MODE is one of:",
      ...modes
    ].join("\n")
  );
}
var NORMALIZE_MODE_MEANINGS, IMAGENET_MEAN, IMAGENET_STD, CAFFE_MEAN;
var init_normalize = __esm({
  "src/segmenters/normalize.ts"() {
    "use strict";
    init_settings();
    init_errors();
    NORMALIZE_MODE_MEANINGS = {
      tf: 'x / 127.5 - 1, values in [-1, 1] (Keras mode "tf", MobileNet and DeepLab exports)',
      torch: '(x / 255 - mean) / std with the ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225) per colour (Keras mode "torch", torchvision)',
      caffe: 'x - mean with the ImageNet mean (R 123.68, G 116.779, B 103.939), no scaling (Keras mode "caffe", which also feeds BGR, the default channel order with caffe)',
      unit: "x / 255, values in [0, 1]",
      none: "x unchanged, values in [0, 255]"
    };
    IMAGENET_MEAN = [0.485, 0.456, 0.406];
    IMAGENET_STD = [0.229, 0.224, 0.225];
    CAFFE_MEAN = [123.68, 116.779, 103.939];
  }
});

// src/segmenters/tfjs/weights-manifest.ts
import { stat } from "node:fs/promises";
import { dirname as dirname2, isAbsolute, relative, resolve as resolve3, win32 } from "node:path";
function weightByteLength(entry) {
  const stored = entry.quantization?.dtype ?? entry.dtype;
  const valueBytes = STORED_VALUE_BYTES[stored];
  if (valueBytes === void 0) {
    return null;
  }
  return entry.shape.reduce((product3, size) => product3 * size, 1) * valueBytes;
}
async function resolveWeightGroups(jsonPath, manifest) {
  const folder = dirname2(resolve3(jsonPath));
  const groups = [];
  for (const [index, group] of manifest.entries()) {
    const files = [];
    for (const listed of group.paths) {
      const path = resolveInside(folder, listed, jsonPath);
      files.push({ listed, path, bytes: await fileSize(path, listed, jsonPath) });
    }
    const expectedBytes = sumWeightBytes(group.weights);
    checkGroupSize(jsonPath, index, files, expectedBytes);
    groups.push({ files, expectedBytes });
  }
  return groups;
}
function resolveInside(folder, listed, jsonPath) {
  if (isAbsolute(listed) || win32.isAbsolute(listed)) {
    throw new InputError(
      `Weight path "${listed}" in ${jsonPath} is absolute: weight paths must be relative to the folder of the model JSON. Rewrite weightsManifest[].paths as file names in that folder.`
    );
  }
  const path = resolve3(folder, listed);
  const inside = relative(folder, path);
  const climbs = listed.split(/[\\/]/).includes("..");
  if (climbs || inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw new InputError(
      `Weight path "${listed}" in ${jsonPath} leaves the model folder ${folder}: weight paths must name files in the folder of the model JSON or below it, without "..". Move the files there and fix weightsManifest[].paths.`
    );
  }
  return path;
}
async function fileSize(path, listed, jsonPath) {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new InputError(
        `Weight file ${path} (listed as "${listed}" in ${jsonPath}) is not a file.`
      );
    }
    return info.size;
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError(
      `Weight file ${path}, listed as "${listed}" in weightsManifest of ${jsonPath}, was not found. Copy every weight file next to the model JSON.`
    );
  }
}
function sumWeightBytes(weights) {
  let total = 0;
  for (const entry of weights) {
    const bytes = weightByteLength(entry);
    if (bytes === null) {
      return null;
    }
    total += bytes;
  }
  return total;
}
function checkGroupSize(jsonPath, index, files, expectedBytes) {
  if (expectedBytes === null) {
    return;
  }
  const actualBytes = files.reduce((sum3, file) => sum3 + file.bytes, 0);
  if (actualBytes === expectedBytes) {
    return;
  }
  const perFile = files.map((file) => `${file.listed} ${file.bytes} bytes`).join(", ");
  throw new InputError(
    `Weight files of group ${index + 1} in ${jsonPath} hold ${actualBytes} bytes (${perFile}) but the manifest's weights need ${expectedBytes} bytes (${describeDifference(actualBytes - expectedBytes)}). The weight files do not belong to this model JSON or were truncated; re-export or re-download the model.`
  );
}
function describeDifference(difference) {
  return difference > 0 ? `${difference} bytes too many` : `${-difference} bytes missing`;
}
var STORED_VALUE_BYTES;
var init_weights_manifest = __esm({
  "src/segmenters/tfjs/weights-manifest.ts"() {
    "use strict";
    init_errors();
    STORED_VALUE_BYTES = {
      float32: 4,
      int32: 4,
      bool: 1,
      complex64: 8,
      float16: 2,
      uint16: 2,
      uint8: 1
    };
  }
});

// src/segmenters/tfjs/file-io.ts
import * as tf from "@tensorflow/tfjs-core";
import { mkdir, readFile as readFile3, writeFile } from "node:fs/promises";
import { basename, dirname as dirname3, join } from "node:path";
async function readModelJson(jsonPath) {
  let text;
  try {
    text = await readFile3(jsonPath, "utf8");
  } catch (error) {
    throw new InputError(`Failed to read model JSON ${jsonPath}: ${errorMessage(error)}.`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Model JSON ${jsonPath} is not valid JSON: ${errorMessage(error)}.`);
  }
  return validateModelJson(parsed, jsonPath);
}
function fileIOHandler(jsonPath) {
  return {
    load: () => loadArtifacts(jsonPath),
    save: (artifacts) => saveArtifacts(jsonPath, artifacts)
  };
}
async function loadArtifacts(jsonPath) {
  const modelJson = await readModelJson(jsonPath);
  const manifest = modelJson.weightsManifest ?? [];
  const groups = await resolveWeightGroups(jsonPath, manifest);
  const paths = groups.flatMap((group) => group.files.map((file) => file.path));
  const buffers = await Promise.all(paths.map(readArrayBuffer));
  return tf.io.getModelArtifactsForJSON(modelJson, async () => [
    tf.io.getWeightSpecs(manifest),
    buffers
  ]);
}
async function readArrayBuffer(path) {
  const bytes = await readFile3(path);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  if (whole && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return new Uint8Array(bytes).buffer;
}
async function saveArtifacts(jsonPath, artifacts) {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error(`Cannot save a binary model topology to ${jsonPath}; only JSON topologies.`);
  }
  const weightData = artifacts.weightData ?? new ArrayBuffer(0);
  const weights = tf.io.CompositeArrayBuffer.join(weightData);
  const modelJson = {
    modelTopology: artifacts.modelTopology ?? {},
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [SAVED_WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }]
  };
  if (artifacts.trainingConfig) {
    modelJson.trainingConfig = artifacts.trainingConfig;
  }
  if (artifacts.signature) {
    modelJson.signature = artifacts.signature;
  }
  if (artifacts.userDefinedMetadata) {
    modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
  }
  const folder = dirname3(jsonPath);
  await mkdir(folder, { recursive: true });
  const jsonText = JSON.stringify(modelJson);
  await writeFile(jsonPath, jsonText);
  await writeFile(join(folder, SAVED_WEIGHTS_FILE), new Uint8Array(weights));
  return {
    modelArtifactsInfo: {
      dateSaved: /* @__PURE__ */ new Date(),
      modelTopologyType: "JSON",
      modelTopologyBytes: Buffer.byteLength(JSON.stringify(modelJson.modelTopology)),
      weightSpecsBytes: Buffer.byteLength(JSON.stringify(artifacts.weightSpecs ?? [])),
      weightDataBytes: weights.byteLength
    }
  };
}
function validateModelJson(value, jsonPath) {
  const name = basename(jsonPath);
  if (!isRecord3(value)) {
    throw new InputError(`Model JSON ${jsonPath} is not a JSON object.`);
  }
  if (!isRecord3(value["modelTopology"])) {
    throw new InputError(
      `Model JSON ${jsonPath} has no modelTopology object: ${name} is not a TensorFlow.js model.json (layers or graph model). Convert the model with tensorflowjs_converter.`
    );
  }
  const manifest = value["weightsManifest"];
  if (manifest !== void 0) {
    validateManifest(manifest, jsonPath);
  }
  return value;
}
function validateManifest(manifest, jsonPath) {
  if (!Array.isArray(manifest)) {
    throw invalidManifest(jsonPath, "weightsManifest", "is not a list");
  }
  for (const [index, group] of manifest.entries()) {
    const field = `weightsManifest[${index}]`;
    if (!isRecord3(group)) {
      throw invalidManifest(jsonPath, field, "is not an object");
    }
    const paths = group["paths"];
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === "string")) {
      throw invalidManifest(jsonPath, `${field}.paths`, "is not a list of file names");
    }
    const weights = group["weights"];
    if (!Array.isArray(weights)) {
      throw invalidManifest(jsonPath, `${field}.weights`, "is not a list");
    }
    weights.forEach(
      (entry, entryIndex) => validateEntry(entry, `${field}.weights[${entryIndex}]`, jsonPath)
    );
  }
}
function validateEntry(entry, field, jsonPath) {
  if (!isRecord3(entry) || typeof entry["name"] !== "string") {
    throw invalidManifest(jsonPath, field, "has no name");
  }
  const shape = entry["shape"];
  const validShape = Array.isArray(shape) && shape.every((size) => Number.isInteger(size) && size >= 0);
  if (!validShape) {
    throw invalidManifest(jsonPath, `${field}.shape`, "is not a list of non-negative integers");
  }
  if (typeof entry["dtype"] !== "string") {
    throw invalidManifest(jsonPath, `${field}.dtype`, "is missing");
  }
}
function invalidManifest(jsonPath, field, problem) {
  return new InputError(
    `Invalid weights manifest in ${jsonPath}: ${field} ${problem}. Re-export the model with TensorFlow.js or tensorflowjs_converter.`
  );
}
function isRecord3(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var SAVED_WEIGHTS_FILE;
var init_file_io = __esm({
  "src/segmenters/tfjs/file-io.ts"() {
    "use strict";
    init_errors();
    init_weights_manifest();
    SAVED_WEIGHTS_FILE = "group1-shard1of1.bin";
  }
});

// src/train/layer-walk.ts
function flattenLayers(model2) {
  const found = [];
  for (const layer of model2.layers) {
    if (isContainer(layer)) {
      found.push(...flattenLayers(layer));
    } else {
      found.push(layer);
    }
  }
  return found;
}
function layerConfigValue(layer, key) {
  return layer.getConfig()[key];
}
function layerClassName(layer) {
  return layer.getClassName();
}
function isContainer(layer) {
  const layers2 = layer.layers;
  return Array.isArray(layers2);
}
var init_layer_walk = __esm({
  "src/train/layer-walk.ts"() {
    "use strict";
  }
});

// src/train/dilated-layers.ts
function scanDilatedLayers(layers2) {
  const rewritable = [];
  const rejected = [];
  for (const layer of layers2) {
    const rates = ratesOf(layerConfigValue(layer, "dilationRate"));
    if (rates.every((rate) => rate === 1)) {
      continue;
    }
    const className2 = layerClassName(layer);
    const verdict = classify(layer, className2, rates);
    if (verdict.kind === "rewritable") {
      rewritable.push(verdict.layer);
    } else {
      rejected.push({ name: layer.name, className: className2, reason: verdict.reason });
    }
  }
  return { rewritable, rejected };
}
function formatRejectedLayers(rejected) {
  return rejected.map((entry) => `${entry.name} (${entry.className}): ${entry.reason}`).join("; ");
}
function classify(layer, className2, rates) {
  const rate = rates.join("x");
  const dilation = pairOf(rates);
  if (!isRewritableClass(className2) || dilation === null) {
    const known = OTHER_DILATED_CLASSES.includes(className2) ? "" : " (unknown layer class)";
    return {
      kind: "rejected",
      reason: `dilation ${rate}${known}; only Conv2D and DepthwiseConv2D are rewritten`
    };
  }
  const strides = pairOf(layerConfigValue(layer, "strides")) ?? [1, 1];
  if (strides[0] !== 1 || strides[1] !== 1) {
    return {
      kind: "rejected",
      reason: `strides ${strides[0]}x${strides[1]} with dilation ${rate}; space-to-batch needs strides 1`
    };
  }
  const padding = layerConfigValue(layer, "padding");
  if (padding !== "same" && padding !== "valid") {
    return {
      kind: "rejected",
      reason: `padding ${String(padding)}; only same and valid are rewritten`
    };
  }
  return {
    kind: "rewritable",
    layer: {
      layer,
      name: layer.name,
      className: className2,
      dilation,
      padding,
      channelsFirst: layerConfigValue(layer, "dataFormat") === "channelsFirst"
    }
  };
}
function isRewritableClass(className2) {
  return Object.hasOwn(REWRITABLE_CLASSES, className2);
}
function ratesOf(value) {
  if (typeof value === "number") {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.filter((entry) => typeof entry === "number");
  }
  return [];
}
function pairOf(value) {
  if (typeof value === "number") {
    return [value, value];
  }
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === "number") {
    return [value[0], value[0]];
  }
  if (Array.isArray(value) && value.length === 2) {
    const [height, width] = value;
    if (typeof height === "number" && typeof width === "number") {
      return [height, width];
    }
  }
  return null;
}
var REWRITABLE_CLASSES, OTHER_DILATED_CLASSES;
var init_dilated_layers = __esm({
  "src/train/dilated-layers.ts"() {
    "use strict";
    init_layer_walk();
    REWRITABLE_CLASSES = {
      Conv2D: "kernel",
      DepthwiseConv2D: "depthwise_kernel"
    };
    OTHER_DILATED_CLASSES = [
      "Conv1D",
      "Conv3D",
      "SeparableConv2D",
      "SeparableConv1D",
      "Conv2DTranspose",
      "Conv3DTranspose"
    ];
  }
});

// src/train/space-to-batch.ts
import * as tf2 from "@tensorflow/tfjs-core";
function atrousGeometry(inputSize, kernelSize, dilation, padding) {
  const axes = [0, 1].map((axis) => {
    const length = inputSize[axis];
    const rate = dilation[axis];
    const effective = (kernelSize[axis] - 1) * rate + 1;
    const total = padding === "same" ? effective - 1 : 0;
    const before = Math.floor(total / 2);
    const extra = (rate - (length + total) % rate) % rate;
    return { rate, pad: [before, total - before + extra], crop: [0, extra] };
  });
  const [height, width] = axes;
  return {
    blockShape: [height.rate, width.rate],
    paddings: [height.pad, width.pad],
    crops: [height.crop, width.crop]
  };
}
function spaceToBatchConv2d(x, kernel, dilation, padding) {
  return withSpaceToBatch(
    x,
    kernel,
    dilation,
    padding,
    (batched) => tf2.conv2d(batched, kernel, 1, "valid")
  );
}
function spaceToBatchDepthwiseConv2d(x, kernel, dilation, padding) {
  return withSpaceToBatch(
    x,
    kernel,
    dilation,
    padding,
    (batched) => tf2.depthwiseConv2d(batched, kernel, 1, "valid")
  );
}
function withSpaceToBatch(x, kernel, dilation, padding, convolve) {
  return tf2.tidy(() => {
    const inputSize = [x.shape[1], x.shape[2]];
    const kernelSize = [kernel.shape[0], kernel.shape[1]];
    const geometry = atrousGeometry(inputSize, kernelSize, dilation, padding);
    const batched = tf2.spaceToBatchND(x, geometry.blockShape, geometry.paddings);
    const convolved = convolve(batched);
    return tf2.batchToSpaceND(convolved, geometry.blockShape, geometry.crops);
  });
}
var init_space_to_batch = __esm({
  "src/train/space-to-batch.ts"() {
    "use strict";
  }
});

// src/train/dilated-rewrite.ts
import * as tf3 from "@tensorflow/tfjs-core";
function installDilatedCalls(layers2, form) {
  for (const entry of layers2) {
    Object.defineProperty(entry.layer, "call", {
      value: dilatedCall(entry, form),
      configurable: true,
      writable: true
    });
  }
  return () => {
    for (const entry of layers2) {
      Reflect.deleteProperty(entry.layer, "call");
    }
  };
}
function dilatedCall(entry, form) {
  const kernel = findWeight(entry, REWRITABLE_CLASSES[entry.className]);
  const bias = findOptionalWeight(entry, "bias");
  const holder = entry.layer;
  const convolve = convolution(entry, form);
  return (inputs) => tf3.tidy(() => {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    const nhwc = entry.channelsFirst ? tf3.transpose(input, [0, 2, 3, 1]) : input;
    let output = convolve(nhwc, kernel.read());
    if (bias !== null) {
      output = tf3.add(output, bias.read());
    }
    if (entry.channelsFirst) {
      output = tf3.transpose(output, [0, 3, 1, 2]);
    }
    return holder.activation ? holder.activation.apply(output) : output;
  });
}
function convolution(entry, form) {
  const { dilation, padding } = entry;
  const rates = [dilation[0], dilation[1]];
  if (entry.className === "Conv2D") {
    return form === "direct" ? (x, kernel) => tf3.conv2d(x, kernel, 1, padding, "NHWC", rates) : (x, kernel) => spaceToBatchConv2d(x, kernel, dilation, padding);
  }
  return form === "direct" ? (x, kernel) => tf3.depthwiseConv2d(x, kernel, 1, padding, "NHWC", rates) : (x, kernel) => spaceToBatchDepthwiseConv2d(x, kernel, dilation, padding);
}
function findWeight(entry, suffix) {
  const found = findOptionalWeight(entry, suffix);
  if (found === null) {
    const names = entry.layer.weights.map((weight) => weight.originalName).join(", ");
    throw new Error(`Layer ${entry.name} has no ${suffix} weight among [${names}]`);
  }
  return found;
}
function findOptionalWeight(entry, suffix) {
  return entry.layer.weights.find((weight) => weight.originalName.endsWith(`/${suffix}`)) ?? null;
}
var init_dilated_rewrite = __esm({
  "src/train/dilated-rewrite.ts"() {
    "use strict";
    init_dilated_layers();
    init_space_to_batch();
  }
});

// src/train/checkpoint.ts
import * as tf4 from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { join as join2 } from "node:path";
async function saveCheckpoint(model2, outputDir) {
  const jsonPath = join2(outputDir, CHECKPOINT_JSON);
  await model2.save(fileIOHandler(jsonPath));
  return jsonPath;
}
async function checkReload(trained, jsonPath, inputShape, seed) {
  const reloaded = await tfl.loadLayersModel(fileIOHandler(jsonPath), { strict: true });
  const input = tf4.randomNormal([...inputShape], 0, 1, "float32", seed);
  try {
    const difference = tf4.tidy(() => {
      const a = runDilatedDirect(trained, input);
      const b = runDilatedDirect(reloaded, input);
      return tf4.max(tf4.abs(tf4.sub(a, b))).dataSync()[0] ?? Number.NaN;
    });
    const shape = `[${inputShape.join(",")}]`;
    const names = `${reloaded.weights.length} weights`;
    if (difference === 0) {
      return {
        id: CHECKPOINT_CHECK_ID,
        status: "pass",
        message: `${jsonPath} reloads into the original topology (${names}) and gives outputs identical to the trained model on a random ${shape} input.`
      };
    }
    return {
      id: CHECKPOINT_CHECK_ID,
      status: "fail",
      message: `${jsonPath} reloads with outputs that differ from the trained model by up to ${difference} on a random ${shape} input, so the saved weights are not the trained weights. Delete the output folder and train again.`
    };
  } finally {
    input.dispose();
    reloaded.dispose();
  }
}
function runDilatedDirect(model2, input) {
  const { rewritable } = scanDilatedLayers(flattenLayers(model2));
  const restore = installDilatedCalls(rewritable, "direct");
  try {
    const output = model2.predict(input);
    return Array.isArray(output) ? output[0] : output;
  } finally {
    restore();
  }
}
var CHECKPOINT_CHECK_ID, CHECKPOINT_JSON;
var init_checkpoint = __esm({
  "src/train/checkpoint.ts"() {
    "use strict";
    init_file_io();
    init_dilated_layers();
    init_dilated_rewrite();
    init_layer_walk();
    CHECKPOINT_CHECK_ID = "training.checkpoint.reload";
    CHECKPOINT_JSON = "model.json";
  }
});

// src/checks/signature.ts
function signatureGrid(mask, size) {
  const grid = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    const y = Math.min(mask.height - 1, Math.floor((row + 0.5) * mask.height / size));
    for (let col = 0; col < size; col++) {
      const x = Math.min(mask.width - 1, Math.floor((col + 0.5) * mask.width / size));
      grid[row * size + col] = mask.data[y * mask.width + x];
    }
  }
  return grid;
}
function signatureKey(grid) {
  return Buffer.from(grid.buffer, grid.byteOffset, grid.byteLength).toString("base64");
}
var init_signature = __esm({
  "src/checks/signature.ts"() {
    "use strict";
  }
});

// src/checks/constant-evidence.ts
var ConstantEvidence;
var init_constant_evidence = __esm({
  "src/checks/constant-evidence.ts"() {
    "use strict";
    init_format();
    init_listing();
    init_signature();
    ConstantEvidence = class {
      constructor(classNames, options) {
        this.classNames = classNames;
        this.options = options;
      }
      classNames;
      options;
      scoredImages = 0;
      predictionKeys = /* @__PURE__ */ new Set();
      labelKeys = /* @__PURE__ */ new Set();
      firstPrediction = null;
      /** Adds one scored image: its label and its prediction at label size. */
      add(label3, prediction) {
        const size = this.options.signatureSize;
        const predictionGrid = signatureGrid(prediction, size);
        this.scoredImages += 1;
        this.firstPrediction ??= predictionGrid;
        this.predictionKeys.add(signatureKey(predictionGrid));
        this.labelKeys.add(signatureKey(signatureGrid(label3, size)));
      }
      /**
       * `contract.predictions.constant`: fails when at least `constantMinImages` images were scored,
       * their labels differ, and every prediction has the same signature.
       */
      constantCheck() {
        const id = "contract.predictions.constant";
        const size = this.options.signatureSize;
        const grid = `${size}x${size} nearest-neighbour signature`;
        if (this.scoredImages < this.options.constantMinImages) {
          return {
            id,
            status: "skip",
            message: `Only ${countOf(this.scoredImages, "image")} scored; at least ${this.options.constantMinImages} are needed to tell whether predictions change with the input.`
          };
        }
        if (this.labelKeys.size === 1) {
          return {
            id,
            status: "skip",
            message: `All ${this.scoredImages} scored labels have the same ${grid}, so identical predictions are expected.`
          };
        }
        if (this.predictionKeys.size > 1) {
          return {
            id,
            status: "pass",
            message: `Predictions change with the input: ${this.scoredImages} scored images give ${this.predictionKeys.size} distinct prediction signatures (${grid}) for ${this.labelKeys.size} distinct label signatures.`
          };
        }
        return {
          id,
          status: "fail",
          message: `All ${this.scoredImages} scored predictions have the same ${grid} (${this.describeFirstPrediction()}) although their labels give ${this.labelKeys.size} distinct signatures. The model ignores its input: a model collapsed to one output (see the collapse checks), a wrong input name, an all-zero input tensor or a cached output is likely.`
        };
      }
      /** Class shares of the first prediction signature, largest first, at most three. */
      describeFirstPrediction() {
        const grid = this.firstPrediction ?? new Uint8Array(0);
        const counts = /* @__PURE__ */ new Map();
        for (const value of grid) {
          counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(
          ([value, cells]) => `${className(this.classNames, value)} ${formatPercent(cells / grid.length)}`
        ).join(", ");
      }
    };
  }
});

// src/checks/label-borders.ts
function countBorderPixels(mask, ignoreIndex) {
  const pixels = new Float64Array(256);
  const interior = new Float64Array(256);
  const between = new Float64Array(256);
  const { width, height, data } = mask;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const index = row + x;
      const value = data[index];
      if (value === ignoreIndex) {
        continue;
      }
      pixels[value] = pixels[value] + 1;
      const left = x > 0 ? data[index - 1] : value;
      const right = x < width - 1 ? data[index + 1] : value;
      const up = y > 0 ? data[index - width] : value;
      const down = y < height - 1 ? data[index + width] : value;
      if (left === value && right === value && up === value && down === value) {
        interior[value] = interior[value] + 1;
      }
      if (isStrictlyBetween(value, left, right) || isStrictlyBetween(value, up, down)) {
        between[value] = between[value] + 1;
      }
    }
  }
  return { pixels, interior, between };
}
function isStrictlyBetween(value, a, b) {
  return a < value && value < b || b < value && value < a;
}
var init_label_borders = __esm({
  "src/checks/label-borders.ts"() {
    "use strict";
  }
});

// src/checks/label-evidence.ts
var LabelEvidence;
var init_label_evidence = __esm({
  "src/checks/label-evidence.ts"() {
    "use strict";
    init_format();
    init_label_borders();
    init_listing();
    init_tolerance();
    LabelEvidence = class {
      constructor(context, options) {
        this.context = context;
        this.options = options;
      }
      context;
      options;
      /** Per value: pixels in the labels where the value forms only border strips. */
      stripPixels = new Float64Array(256);
      /** Per value: ordinals (into `imageIds`) of the labels where it forms only border strips. */
      stripImages = /* @__PURE__ */ new Map();
      imageIds = [];
      totalPixels = 0;
      ignoredPixels = 0;
      /** Adds one decoded label. */
      add(imageId, label3) {
        const ordinal = this.imageIds.length;
        this.imageIds.push(imageId);
        const counts = countBorderPixels(label3, this.context.ignoreIndex);
        let counted = 0;
        for (let value = 0; value < 256; value++) {
          const pixels = counts.pixels[value];
          if (pixels === 0) {
            continue;
          }
          counted += pixels;
          const interior = counts.interior[value] / pixels;
          const between = counts.between[value] / pixels;
          if (isBelow(interior, this.options.maxInteriorFraction) && isAtLeast(between, this.options.minBetweenFraction)) {
            this.stripPixels[value] = this.stripPixels[value] + pixels;
            const images = this.stripImages.get(value) ?? [];
            images.push(ordinal);
            this.stripImages.set(value, images);
          }
        }
        const total = label3.width * label3.height;
        this.totalPixels += total;
        this.ignoredPixels += total - counted;
      }
      /**
       * `contract.labels.interpolated`: fails for a label value (other than the ignore index) that
       * forms border strips on at least `interpolatedMinPixels` pixels over the dataset, the trace of
       * labels resized with bilinear interpolation. In one label, a value forms border strips when
       * fewer than `maxInteriorFraction` of its pixels there are interior and at least
       * `minBetweenFraction` lie between two opposite neighbours. Deciding per label keeps a value
       * that is also a real class elsewhere from hiding its strips.
       */
      interpolatedCheck() {
        const id = "contract.labels.interpolated";
        if (this.imageIds.length === 0) {
          return {
            id,
            status: "skip",
            message: "No label could be decoded, so label borders were not examined."
          };
        }
        const values = this.stripValues();
        const flagged = values.filter(
          (value) => this.stripPixels[value] >= this.options.interpolatedMinPixels
        );
        if (flagged.length > 0) {
          return { id, status: "fail", message: this.interpolatedFailure(flagged) };
        }
        const largest = values.sort((a, b) => this.stripPixelsOf(b) - this.stripPixelsOf(a))[0];
        const largestText = largest === void 0 ? "No label value forms border strips in any label." : `The largest is ${this.describeStrips(largest)}.`;
        return {
          id,
          status: "pass",
          message: `No label value forms thin in-between strips along region borders on ${formatCount(this.options.interpolatedMinPixels)} or more pixels. ${largestText}`
        };
      }
      /**
       * `contract.labels.ignored-share`: warns when more than `ignoredShareWarn` of the label pixels
       * equal the ignore index and fails above `ignoredShareFail`.
       *
       * Labels with values outside the class ids are counted as decoded: their out-of-range pixels
       * are not ignored pixels (`contract.labels.ids` reports them).
       */
      ignoredShareCheck() {
        const id = "contract.labels.ignored-share";
        const { ignoreIndex } = this.context;
        if (this.totalPixels === 0) {
          return {
            id,
            status: "skip",
            message: "No label could be decoded, so the ignored share is unknown."
          };
        }
        const share = this.ignoredPixels / this.totalPixels;
        const evidence = `${formatPercent(share)} of label pixels (${formatCount(this.ignoredPixels)} of ${formatCount(this.totalPixels)} in ${countOf(this.imageIds.length, "label")}) equal the ignore index ${ignoreIndex} and are not scored`;
        const cause = `A share this high suggests a shifted or reduced label scheme, for example background mapped to ${ignoreIndex} by a reduce-zero-label setting, or the wrong --ignore-index.`;
        if (isAbove(share, this.options.ignoredShareFail)) {
          return {
            id,
            status: "fail",
            message: `${evidence}, more than the limit ${formatPercent(this.options.ignoredShareFail)}. ${cause}`
          };
        }
        if (isAbove(share, this.options.ignoredShareWarn)) {
          return {
            id,
            status: "warn",
            message: `${evidence}, more than ${formatPercent(this.options.ignoredShareWarn)} (the check fails above ${formatPercent(this.options.ignoredShareFail)}). ${cause}`
          };
        }
        return {
          id,
          status: "pass",
          message: `${evidence}, within the warning limit ${formatPercent(this.options.ignoredShareWarn)}.`
        };
      }
      interpolatedFailure(flagged) {
        const ordinals = /* @__PURE__ */ new Set();
        for (const value of flagged) {
          for (const ordinal of this.stripImages.get(value) ?? []) {
            ordinals.add(ordinal);
          }
        }
        const files = [...ordinals].sort((a, b) => a - b).map((ordinal) => this.imageIds[ordinal] ?? "");
        const one = flagged.length === 1;
        return `Label ${one ? "value" : "values"} ${listWithRest(flagged.map((value) => this.describeStrips(value)))} ${one ? "forms" : "form"} thin strips along region borders: in those labels fewer than ${formatPercent(this.options.maxInteriorFraction)} of ${one ? "its" : "their"} pixels have four neighbours with the same value, and at least ${formatPercent(this.options.minBetweenFraction)} lie between the values of two opposite neighbours. Files (${files.length}): ${listWithRest(files)}. Labels resized with bilinear interpolation create in-between ids along borders; resize labels with nearest neighbour.`;
      }
      /** Values that form border strips in at least one label, ascending. */
      stripValues() {
        const values = [];
        for (let value = 0; value < 256; value++) {
          if (this.stripPixels[value] > 0) {
            values.push(value);
          }
        }
        return values;
      }
      stripPixelsOf(value) {
        return this.stripPixels[value];
      }
      /** `7 (car, 1,234 pixels in 12 labels)`. */
      describeStrips(value) {
        const labels = this.stripImages.get(value)?.length ?? 0;
        return `${value} (${className(this.context.classNames, value)}, ${formatCount(this.stripPixelsOf(value))} pixels in ${countOf(labels, "label")})`;
      }
    };
  }
});

// src/checks/output-evidence.ts
function formatMagnitude(value) {
  return String(Number(value.toPrecision(4)));
}
var OutputEvidence;
var init_output_evidence = __esm({
  "src/checks/output-evidence.ts"() {
    "use strict";
    init_format();
    init_listing();
    OutputEvidence = class {
      constructor(segmenterKind, options) {
        this.segmenterKind = segmenterKind;
        this.options = options;
      }
      segmenterKind;
      options;
      imagesWithStats = 0;
      nonFiniteImages = [];
      nonFiniteTotal = 0;
      maxAbs = 0;
      maxAbsImage = null;
      /** Adds the statistics of one image's model output. */
      add(imageId, stats) {
        this.imagesWithStats += 1;
        if (stats.nonFinite > 0) {
          this.nonFiniteImages.push({ id: imageId, count: stats.nonFinite });
          this.nonFiniteTotal += stats.nonFinite;
        }
        if (this.maxAbsImage === null || stats.maxAbs > this.maxAbs) {
          this.maxAbs = stats.maxAbs;
          this.maxAbsImage = imageId;
        }
      }
      /** `contract.model.non-finite`: fails when any raw model output value is NaN or infinite. */
      nonFiniteCheck() {
        const id = "contract.model.non-finite";
        const skipped = this.skipReason();
        if (skipped) {
          return { id, status: "skip", message: skipped };
        }
        if (this.nonFiniteImages.length === 0) {
          return {
            id,
            status: "pass",
            message: `The raw model output of all ${countOf(this.imagesWithStats, "image")} is finite (checked before argmax).`
          };
        }
        const listed = listWithRest(
          this.nonFiniteImages.map((image2) => `${image2.id} (${formatCount(image2.count)})`)
        );
        return {
          id,
          status: "fail",
          message: `The raw model output contains ${formatCount(this.nonFiniteTotal)} NaN or infinite values in ${this.nonFiniteImages.length} of ${countOf(this.imagesWithStats, "image")}, checked before argmax: ${listed}. The argmax of such an output is meaningless. A broken export (for example float16 overflow) or input values far outside the training range are likely.`
        };
      }
      /**
       * `contract.model.logit-magnitude`: fails when the largest absolute finite output value exceeds
       * `maxAbsLogit`.
       */
      logitMagnitudeCheck() {
        const id = "contract.model.logit-magnitude";
        const skipped = this.skipReason();
        if (skipped) {
          return { id, status: "skip", message: skipped };
        }
        const limit = formatMagnitude(this.options.maxAbsLogit);
        const evidence = `The largest absolute model output value is ${formatMagnitude(this.maxAbs)} (in ${this.maxAbsImage ?? "no image"})`;
        if (this.maxAbs > this.options.maxAbsLogit) {
          return {
            id,
            status: "fail",
            message: `${evidence}, above the limit ${limit}. Logits this large usually mean a preprocessing mismatch, for example pixels in 0..255 fed to a model trained on inputs in [-1, 1]; check --normalize and the channel order.`
          };
        }
        return { id, status: "pass", message: `${evidence}, within the limit ${limit}.` };
      }
      skipReason() {
        if (this.segmenterKind === "predictions") {
          return "Prediction files carry no raw model output to examine.";
        }
        if (this.imagesWithStats === 0) {
          return "No image reached the model, so there is no raw output to examine.";
        }
        return null;
      }
    };
  }
});

// src/checks/image-analysis.ts
var ImageAnalysis;
var init_image_analysis = __esm({
  "src/checks/image-analysis.ts"() {
    "use strict";
    init_constant_evidence();
    init_label_evidence();
    init_options();
    init_output_evidence();
    ImageAnalysis = class {
      labels;
      outputs;
      constant;
      /** Throws a `UsageError` for an invalid option. */
      constructor(context, options = {}) {
        const resolved = resolveImageAnalysisOptions(options);
        this.labels = new LabelEvidence(context, resolved);
        this.outputs = new OutputEvidence(context.segmenterKind, resolved);
        this.constant = new ConstantEvidence(context.classNames, resolved);
      }
      /** Adds the label, raw-output statistics and prediction signature of one image. */
      onImage(observation) {
        const { sample, label: label3, prediction, counts, stats } = observation;
        if (label3) {
          this.labels.add(sample.id, label3);
        }
        if (stats) {
          this.outputs.add(sample.id, stats);
        }
        if (label3 && prediction && counts) {
          this.constant.add(label3, prediction);
        }
      }
      /** Builds the check records from the evidence gathered so far. */
      finish() {
        return [
          this.labels.interpolatedCheck(),
          this.labels.ignoredShareCheck(),
          this.constant.constantCheck(),
          this.outputs.nonFiniteCheck(),
          this.outputs.logitMagnitudeCheck()
        ];
      }
    };
  }
});

// src/io/ensure-dir.ts
import { mkdir as mkdir2, stat as stat2 } from "node:fs/promises";
import { dirname as dirname4, resolve as resolve4 } from "node:path";
async function ensureDir(path) {
  const missing = [];
  let current = resolve4(path);
  for (; ; ) {
    const kind = await entryKind(current);
    if (kind === "folder") {
      break;
    }
    if (kind === "other") {
      throw new Error(`${current} exists and is not a folder`);
    }
    missing.push(current);
    const parent = dirname4(current);
    if (parent === current) {
      break;
    }
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir2(folder);
    } catch (error) {
      if (error.code !== "EEXIST" || await entryKind(folder) !== "folder") {
        throw new Error(`cannot create the folder ${folder}: ${error.message}`, {
          cause: error
        });
      }
    }
  }
}
async function entryKind(path) {
  try {
    return (await stat2(path)).isDirectory() ? "folder" : "other";
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") {
      return "missing";
    }
    if (code === "ENOTDIR") {
      return "other";
    }
    throw error;
  }
}
var init_ensure_dir = __esm({
  "src/io/ensure-dir.ts"() {
    "use strict";
  }
});

// src/decode/palette.ts
function vocPalette() {
  const palette = new Uint8Array(256 * 3);
  for (let id = 0; id < 256; id++) {
    let red = 0;
    let green = 0;
    let blue = 0;
    let bits = id;
    for (let shift = 7; shift >= 0; shift--) {
      red |= (bits & 1) << shift;
      green |= (bits >> 1 & 1) << shift;
      blue |= (bits >> 2 & 1) << shift;
      bits >>= 3;
    }
    palette.set([red, green, blue], id * 3);
  }
  return palette;
}
var init_palette = __esm({
  "src/decode/palette.ts"() {
    "use strict";
  }
});

// src/overlays/score.ts
function imageMeanIou(counts, numClasses) {
  const labelPixels = new Float64Array(numClasses);
  const predictedPixels = new Float64Array(numClasses);
  const intersection = new Float64Array(numClasses);
  for (const [truth, predicted, pixels] of counts) {
    if (!isClass(truth, numClasses) || !isClass(predicted, numClasses)) {
      continue;
    }
    labelPixels[truth] = (labelPixels[truth] ?? 0) + pixels;
    predictedPixels[predicted] = (predictedPixels[predicted] ?? 0) + pixels;
    if (truth === predicted) {
      intersection[truth] = (intersection[truth] ?? 0) + pixels;
    }
  }
  let sum3 = 0;
  let present = 0;
  for (let id = 0; id < numClasses; id++) {
    const union = (labelPixels[id] ?? 0) + (predictedPixels[id] ?? 0) - (intersection[id] ?? 0);
    if (union > 0) {
      sum3 += (intersection[id] ?? 0) / union;
      present += 1;
    }
  }
  return present === 0 ? null : sum3 / present;
}
function isClass(id, numClasses) {
  return Number.isInteger(id) && id >= 0 && id < numClasses;
}
var init_score = __esm({
  "src/overlays/score.ts"() {
    "use strict";
  }
});

// src/overlays/worst-k.ts
var WorstK;
var init_worst_k = __esm({
  "src/overlays/worst-k.ts"() {
    "use strict";
    WorstK = class {
      constructor(k) {
        this.k = k;
      }
      k;
      kept = [];
      seen = 0;
      /** True when an entry with this score would be kept. */
      accepts(score) {
        if (this.k <= 0) {
          return false;
        }
        const best = this.kept[this.kept.length - 1];
        return this.kept.length < this.k || best !== void 0 && score < best.score;
      }
      /** Offers an entry; `make` runs only when the entry is kept. */
      offer(score, make) {
        if (!this.accepts(score)) {
          return;
        }
        const entry = { score, order: this.seen, value: make() };
        this.seen += 1;
        let index = this.kept.findIndex(
          (other) => score < other.score || score === other.score && entry.order < other.order
        );
        if (index < 0) {
          index = this.kept.length;
        }
        this.kept.splice(index, 0, entry);
        if (this.kept.length > this.k) {
          this.kept.pop();
        }
      }
      /** Returns the kept entries, lowest score first. */
      values() {
        return this.kept.map(({ score, value }) => ({ score, value }));
      }
    };
  }
});

// src/overlays/collector.ts
import { join as join4 } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import sharp from "sharp";
function createOverlayCollector(options) {
  const worst = new WorstK(options.k);
  return {
    async onImage(sample, label3, prediction, counts) {
      const score = imageMeanIou(counts, options.numClasses);
      if (score === null) {
        return;
      }
      worst.offer(score, () => ({
        sample,
        width: label3.width,
        height: label3.height,
        label: deflateRawSync(label3.data),
        prediction: deflateRawSync(prediction.data)
      }));
    },
    async finish() {
      const worstImages = worst.values();
      if (worstImages.length === 0) {
        return [];
      }
      await ensureDir(options.dir);
      const digits = Math.max(2, String(worstImages.length).length);
      const paths = [];
      for (const [index, { value }] of worstImages.entries()) {
        const rank = String(index + 1).padStart(digits, "0");
        const path = join4(options.dir, `${rank}-${safeFileName(value.sample.id)}.png`);
        await drawOverlay(value, path, options.ignoreIndex);
        paths.push(path);
      }
      return paths;
    }
  };
}
async function drawOverlay(image2, path, ignoreIndex) {
  const { width, height } = image2;
  const raw = { width, height, channels: 3 };
  let photo;
  try {
    photo = await sharp(image2.sample.imagePath).removeAlpha().toColourspace("srgb").resize(width, height, { fit: "fill" }).raw().toBuffer();
  } catch (error) {
    throw new Error(
      `Failed to draw the overlay of ${image2.sample.id}: decoding ${image2.sample.imagePath} failed: ${errorMessage(error)}`
    );
  }
  const composed = await sharp({
    create: {
      width: width * 3 + PANEL_GAP * 2,
      height,
      channels: 3,
      background: { r: 255, g: 255, b: 255 }
    }
  }).composite([
    { input: photo, raw, left: 0, top: 0 },
    {
      input: colourize(inflateRawSync(image2.label), ignoreIndex),
      raw,
      left: width + PANEL_GAP,
      top: 0
    },
    {
      input: colourize(inflateRawSync(image2.prediction), ignoreIndex),
      raw,
      left: (width + PANEL_GAP) * 2,
      top: 0
    }
  ]).raw().toBuffer({ resolveWithObject: true });
  await sharp(composed.data, { raw: composed.info }).removeAlpha().png().toFile(path);
}
function colourize(ids, ignoreIndex) {
  const rgb = Buffer.alloc(ids.length * 3);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const out = i * 3;
    if (id === ignoreIndex) {
      rgb[out] = IGNORE_COLOUR[0];
      rgb[out + 1] = IGNORE_COLOUR[1];
      rgb[out + 2] = IGNORE_COLOUR[2];
    } else {
      rgb[out] = PALETTE[id * 3] ?? 0;
      rgb[out + 1] = PALETTE[id * 3 + 1] ?? 0;
      rgb[out + 2] = PALETTE[id * 3 + 2] ?? 0;
    }
  }
  return rgb;
}
function safeFileName(id) {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return safe === "" ? "image" : safe.slice(0, 100);
}
var IGNORE_COLOUR, PANEL_GAP, PALETTE;
var init_collector = __esm({
  "src/overlays/collector.ts"() {
    "use strict";
    init_ensure_dir();
    init_palette();
    init_errors();
    init_score();
    init_worst_k();
    IGNORE_COLOUR = [224, 224, 192];
    PANEL_GAP = 4;
    PALETTE = vocPalette();
  }
});

// src/overlays/index.ts
var init_overlays = __esm({
  "src/overlays/index.ts"() {
    "use strict";
    init_collector();
    init_score();
  }
});

// src/report/types.ts
var REPORT_SCHEMA_VERSION;
var init_types = __esm({
  "src/report/types.ts"() {
    "use strict";
    REPORT_SCHEMA_VERSION = 1;
  }
});

// src/checks/comparable.ts
function currentRunFromDataset(fingerprint, classNames, images) {
  return { schemaVersion: REPORT_SCHEMA_VERSION, fingerprint, classNames, images };
}
function assertComparable(current, baseline, source) {
  const fail3 = (reason) => {
    throw new InputError(`Cannot compare with the baseline ${source}: ${reason}`);
  };
  if (baseline.schemaVersion !== current.schemaVersion) {
    fail3(
      `baseline report schema version ${String(baseline.schemaVersion)} vs current ${current.schemaVersion}: the baseline was written by another seg-gate version. Store a new baseline with this version.`
    );
  }
  if (baseline.dataset === null) {
    fail3(
      `the baseline is from a run that did not complete (verdict ${baseline.verdict}), so it has no dataset fingerprint or scores. Store a baseline from a completed run.`
    );
  }
  const classDifference = describeClassDifference(
    baseline.classes.map((entry) => entry.name),
    current.classNames
  );
  if (classDifference) {
    fail3(`${classDifference}: the baseline was computed with another class list.`);
  }
  const baselineFingerprint = baseline.dataset?.fingerprint ?? "";
  const idDifference = describeIdDifference(
    baseline.images.map((image2) => image2.id),
    current.images.map((image2) => image2.id)
  );
  if (baselineFingerprint !== current.fingerprint) {
    const reason = idDifference ? `the runs evaluate other images: ${idDifference}` : "the image ids are the same, so the label files, the class count, the ignore index or the label map differ";
    fail3(
      `baseline fingerprint ${abbreviate(baselineFingerprint)} vs current ${abbreviate(current.fingerprint)}: ${reason}. Compare runs on the same data, or store a new baseline from a run on this data.`
    );
  }
  if (idDifference) {
    fail3(
      `${idDifference}, although the fingerprints match: the baseline report was edited or truncated. Store a new baseline.`
    );
  }
  const tripleProblem = findInvalidTriple(baseline.images, current.classNames.length);
  if (tripleProblem) {
    fail3(`${tripleProblem}. The baseline report is damaged; store a new baseline.`);
  }
}
function describeClassDifference(baseline, current) {
  const length = Math.max(baseline.length, current.length);
  for (let index = 0; index < length; index++) {
    if (baseline[index] !== current[index]) {
      return `class lists differ first at id ${index}: baseline ${quoted(baseline[index])} vs current ${quoted(current[index])} (${baseline.length} vs ${current.length} classes)`;
    }
  }
  return null;
}
function describeIdDifference(baseline, current) {
  const length = Math.max(baseline.length, current.length);
  for (let index = 0; index < length; index++) {
    if (baseline[index] !== current[index]) {
      return `image ids differ first at position ${index + 1}: baseline ${quoted(baseline[index])} vs current ${quoted(current[index])} (${baseline.length} vs ${current.length} images)`;
    }
  }
  return null;
}
function findInvalidTriple(images, numClasses) {
  for (const image2 of images) {
    for (const [trueClass, predictedClass, pixels] of image2.counts) {
      const validIds = [trueClass, predictedClass].every(
        (id) => Number.isInteger(id) && id >= 0 && id < numClasses
      );
      if (!validIds || !(Number.isFinite(pixels) && pixels >= 0)) {
        return `image ${image2.id} of the baseline has the count [${trueClass}, ${predictedClass}, ${pixels}], expected class ids in 0..${numClasses - 1} and a pixel count of 0 or more`;
      }
    }
  }
  return null;
}
function quoted(value) {
  return value === void 0 ? "none" : JSON.stringify(value);
}
function abbreviate(fingerprint) {
  const [algorithm, digest] = fingerprint.includes(":") ? fingerprint.split(":", 2) : ["", fingerprint];
  const prefix = algorithm ? `${algorithm}:` : "";
  const hex = digest ?? "";
  return hex.length > 12 ? `${prefix}${hex.slice(0, 12)}\u2026` : `${prefix}${hex}`;
}
var init_comparable = __esm({
  "src/checks/comparable.ts"() {
    "use strict";
    init_errors();
    init_types();
  }
});

// schemas/report.schema.json
var report_schema_default;
var init_report_schema = __esm({
  "schemas/report.schema.json"() {
    report_schema_default = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "urn:seg-gate:schema:report:1",
      title: "seg-gate report",
      description: "Result of one `seg-gate evaluate` run: the verdict, the metrics computed from the confusion matrix, every check result, and how the model and dataset were read. Ratios (IoU, recall, precision, accuracy) are fractions in [0, 1], and null where their denominator is empty. Pixel counts are non-negative integers.",
      type: "object",
      additionalProperties: false,
      required: [
        "schemaVersion",
        "tool",
        "verdict",
        "error",
        "dataset",
        "model",
        "preprocessing",
        "metrics",
        "classes",
        "confusionMatrix",
        "checks",
        "images",
        "warnings",
        "timing",
        "baseline",
        "overlays"
      ],
      properties: {
        schemaVersion: {
          title: "Schema version",
          description: "Version of the report format. A baseline must carry the same version to be compared.",
          const: 1
        },
        tool: {
          title: "Tool",
          description: "The program that wrote the report.",
          type: "object",
          additionalProperties: false,
          required: ["name", "version"],
          properties: {
            name: {
              title: "Tool name",
              description: "Always `seg-gate`.",
              const: "seg-gate"
            },
            version: {
              title: "Tool version",
              description: "Package version of seg-gate, for example `0.1.0`.",
              type: "string",
              minLength: 1
            }
          }
        },
        verdict: {
          title: "Verdict",
          description: "`pass` when no check failed, `fail` when at least one check failed (exit code 1), `error` when the evaluation could not run (exit code 2 or 3, see `error`).",
          enum: ["pass", "fail", "error"]
        },
        error: {
          title: "Error",
          description: "Why the evaluation could not run. An object when the verdict is `error`, null otherwise.",
          oneOf: [
            {
              $ref: "#/$defs/error"
            },
            {
              type: "null"
            }
          ]
        },
        dataset: {
          title: "Dataset",
          description: "Where the ids, images and labels came from. Null when the run stopped before the dataset was resolved.",
          oneOf: [
            {
              $ref: "#/$defs/dataset"
            },
            {
              type: "null"
            }
          ]
        },
        model: {
          title: "Model",
          description: "How predictions were produced: a model file or a folder of prediction masks. Null when the run stopped before the model was opened.",
          oneOf: [
            {
              $ref: "#/$defs/model"
            },
            {
              type: "null"
            }
          ]
        },
        preprocessing: {
          title: "Preprocessing",
          description: "How images became model input. Null when predictions were read from files, or when the run stopped before the model was opened.",
          oneOf: [
            {
              $ref: "#/$defs/preprocessing"
            },
            {
              type: "null"
            }
          ]
        },
        metrics: {
          title: "Metrics",
          description: "Dataset-level scores from the summed confusion matrix. Null when no image was scored.",
          oneOf: [
            {
              $ref: "#/$defs/metrics"
            },
            {
              type: "null"
            }
          ]
        },
        classes: {
          title: "Per-class scores",
          description: "One entry per class, in id order from 0. Empty when no metrics were computed.",
          type: "array",
          items: {
            $ref: "#/$defs/class"
          }
        },
        confusionMatrix: {
          title: "Confusion matrix",
          description: "Pixel counts summed over all scored images. Rows are true classes and columns are predicted classes, both in id order, so the matrix is C x C for C classes. Empty when no metrics were computed.",
          type: "array",
          items: {
            title: "Confusion matrix row",
            description: "Pixels of one true class, by predicted class.",
            type: "array",
            items: {
              $ref: "#/$defs/count"
            }
          }
        },
        checks: {
          title: "Checks",
          description: "Every check that ran, with its status. Any `fail` makes the verdict `fail`.",
          type: "array",
          items: {
            $ref: "#/$defs/check"
          }
        },
        images: {
          title: "Images",
          description: "Per-image sizes and sparse confusion counts, in evaluation order.",
          type: "array",
          items: {
            $ref: "#/$defs/image"
          }
        },
        warnings: {
          title: "Warnings",
          description: "Messages about the run that did not change the verdict, for example skipped ids.",
          type: "array",
          items: {
            title: "Warning",
            description: "One warning message.",
            type: "string"
          }
        },
        timing: {
          title: "Timing",
          description: "Wall-clock times of the run in milliseconds.",
          $ref: "#/$defs/timing"
        },
        baseline: {
          title: "Baseline comparison",
          description: "Comparison with the baseline report given by --baseline: the mIoU difference with its paired-bootstrap interval and the IoU difference of every class. Null when no baseline was compared.",
          oneOf: [
            {
              type: "null"
            },
            {
              $ref: "#/$defs/baseline"
            }
          ]
        },
        overlays: {
          title: "Overlays",
          description: "Paths of the overlay PNGs (image, truth and prediction side by side) of the worst images, worst first. Empty when --overlays is 0.",
          type: "array",
          items: {
            title: "Overlay path",
            description: "Path of one overlay PNG.",
            type: "string"
          }
        }
      },
      allOf: [
        {
          if: {
            properties: {
              verdict: {
                const: "error"
              }
            }
          },
          then: {
            properties: {
              error: {
                type: "object"
              }
            }
          },
          else: {
            properties: {
              error: {
                type: "null"
              }
            }
          }
        },
        {
          if: {
            properties: {
              verdict: {
                const: "pass"
              }
            }
          },
          then: {
            properties: {
              checks: {
                not: {
                  type: "array",
                  contains: {
                    type: "object",
                    required: ["status"],
                    properties: {
                      status: {
                        const: "fail"
                      }
                    }
                  }
                }
              }
            }
          }
        },
        {
          if: {
            properties: {
              verdict: {
                const: "fail"
              }
            }
          },
          then: {
            properties: {
              checks: {
                type: "array",
                contains: {
                  type: "object",
                  required: ["status"],
                  properties: {
                    status: {
                      const: "fail"
                    }
                  }
                }
              }
            }
          }
        }
      ],
      $defs: {
        count: {
          title: "Count",
          description: "A non-negative integer count, usually of pixels.",
          type: "integer",
          minimum: 0
        },
        ratio: {
          title: "Ratio",
          description: "A fraction in [0, 1], or null when its denominator is empty.",
          type: ["number", "null"],
          minimum: 0,
          maximum: 1
        },
        milliseconds: {
          title: "Duration",
          description: "A duration in milliseconds.",
          type: "number",
          minimum: 0
        },
        classId: {
          title: "Class id",
          description: "A class id or the ignore index, 0 to 255.",
          type: "integer",
          minimum: 0,
          maximum: 255
        },
        error: {
          title: "Error",
          description: "Why the evaluation could not run.",
          type: "object",
          additionalProperties: false,
          required: ["kind", "message"],
          properties: {
            kind: {
              title: "Error kind",
              description: "`usage` or `input` for exit code 2 (an invalid option or input file), `internal` for exit code 3.",
              enum: ["usage", "input", "internal"]
            },
            message: {
              title: "Error message",
              description: "What failed, on which file or value, and what to do next.",
              type: "string",
              minLength: 1
            }
          }
        },
        dataset: {
          title: "Dataset",
          description: "Where the ids, images and labels came from, and how many were evaluated.",
          type: "object",
          additionalProperties: false,
          required: [
            "source",
            "root",
            "split",
            "idsFile",
            "imagesDir",
            "labelsDir",
            "listed",
            "evaluated",
            "skippedMissing",
            "skippedIds",
            "numClasses",
            "ignoreIndex",
            "fingerprint"
          ],
          properties: {
            source: {
              title: "Source kind",
              description: "`voc` for a VOC-layout root with an ids list, `folders` for an images folder and a labels folder.",
              enum: ["voc", "folders"]
            },
            root: {
              title: "VOC root",
              description: "Absolute path of the VOC-layout root. Null for `folders`.",
              type: ["string", "null"]
            },
            split: {
              title: "Split",
              description: "Split name under `ImageSets/Segmentation/`. Null when an ids file was used or for `folders`.",
              type: ["string", "null"]
            },
            idsFile: {
              title: "Ids file",
              description: "Absolute path of the ids file. Null when a split was used or for `folders`.",
              type: ["string", "null"]
            },
            imagesDir: {
              title: "Images folder",
              description: "Absolute path of the images folder. Null for `voc`.",
              type: ["string", "null"]
            },
            labelsDir: {
              title: "Labels folder",
              description: "Absolute path of the labels folder. Null for `voc`.",
              type: ["string", "null"]
            },
            listed: {
              title: "Listed ids",
              description: "Ids listed before missing files were skipped (after `--limit`).",
              $ref: "#/$defs/count"
            },
            evaluated: {
              title: "Evaluated images",
              description: "Images that went through the model or prediction reader.",
              $ref: "#/$defs/count"
            },
            skippedMissing: {
              title: "Skipped ids",
              description: "Ids skipped because their image or label file is missing (only with `--skip-missing`).",
              $ref: "#/$defs/count"
            },
            skippedIds: {
              title: "First skipped ids",
              description: "The first skipped ids, at most 20.",
              type: "array",
              maxItems: 20,
              items: {
                title: "Skipped id",
                description: "One skipped image id.",
                type: "string"
              }
            },
            numClasses: {
              title: "Class count",
              description: "Number of classes C; class ids are 0 to C-1.",
              type: "integer",
              minimum: 1,
              maximum: 256
            },
            ignoreIndex: {
              title: "Ignore index",
              description: "Label value left out of every count, 255 for VOC.",
              $ref: "#/$defs/classId"
            },
            fingerprint: {
              title: "Dataset fingerprint",
              description: "Lower-case hex sha256 over the evaluated ids in order, each with the sha256 of its label file bytes, the class count, the ignore index and the label map. Two reports are comparable only when their fingerprints match.",
              type: "string",
              pattern: "^[0-9a-f]{64}$"
            }
          },
          if: {
            properties: {
              source: {
                const: "voc"
              }
            }
          },
          then: {
            properties: {
              root: {
                type: "string"
              },
              imagesDir: {
                type: "null"
              },
              labelsDir: {
                type: "null"
              }
            }
          },
          else: {
            properties: {
              root: {
                type: "null"
              },
              split: {
                type: "null"
              },
              idsFile: {
                type: "null"
              },
              imagesDir: {
                type: "string"
              },
              labelsDir: {
                type: "string"
              }
            }
          }
        },
        model: {
          title: "Model",
          description: "How predictions were produced.",
          type: "object",
          additionalProperties: false,
          required: ["kind", "path", "decoding", "details"],
          properties: {
            kind: {
              title: "Segmenter kind",
              description: "`onnx` or `tfjs` for a model run, `predictions` for a folder of prediction masks.",
              enum: ["onnx", "tfjs", "predictions"]
            },
            path: {
              title: "Model path",
              description: "Absolute path of the model file or the predictions folder.",
              type: "string"
            },
            decoding: {
              title: "Decoding path",
              description: "How model output became class ids, for example `NHWC logits [1,257,257,21] -> bilinear -> argmax`.",
              type: "string"
            },
            details: {
              title: "Model details",
              description: "Key facts about the model: input and output names and shapes, layout, backend, provider.",
              type: "object",
              additionalProperties: {
                title: "Detail value",
                description: "A string, number, boolean, null, or list of numbers such as a tensor shape.",
                anyOf: [
                  {
                    type: "string"
                  },
                  {
                    type: "number"
                  },
                  {
                    type: "boolean"
                  },
                  {
                    type: "null"
                  },
                  {
                    type: "array",
                    items: {
                      type: "number"
                    }
                  }
                ]
              }
            }
          }
        },
        preprocessing: {
          title: "Preprocessing",
          description: "How images became model input and how model output was resized.",
          type: "object",
          additionalProperties: false,
          required: [
            "normalize",
            "channelOrder",
            "inputSize",
            "resize",
            "layout",
            "upsample",
            "device",
            "threads"
          ],
          properties: {
            normalize: {
              title: "Pixel scaling",
              description: "`tf` scales to [-1, 1], `torch` and `caffe` follow the Keras `preprocess_input` modes, `unit` scales to [0, 1], `none` passes 0-255 through. Null when not declared.",
              enum: ["tf", "torch", "caffe", "unit", "none", null]
            },
            channelOrder: {
              title: "Channel order",
              description: "Order of the colour channels fed to the model.",
              enum: ["rgb", "bgr"]
            },
            inputSize: {
              title: "Input size",
              description: "Model input size as `WIDTHxHEIGHT` in pixels. Null when the model's fixed input size was used.",
              type: ["string", "null"],
              pattern: "^[1-9][0-9]*x[1-9][0-9]*$"
            },
            resize: {
              title: "Resize mode",
              description: "`stretch` resizes to the input size, `pad` keeps the aspect ratio and pads.",
              enum: ["stretch", "pad"]
            },
            layout: {
              title: "Tensor layout",
              description: "Tensor layout: `nhwc`, `nchw`, or `auto` to read it from the model.",
              enum: ["auto", "nhwc", "nchw"]
            },
            upsample: {
              title: "Upsampling",
              description: "`logits` resizes the scores bilinearly before argmax, `classes` resizes class ids with nearest neighbour after argmax.",
              enum: ["logits", "classes"]
            },
            device: {
              title: "Device",
              description: "Where the model ran.",
              enum: ["cpu", "cuda"]
            },
            threads: {
              title: "Threads",
              description: "Intra-op threads of the runtime. Null when the runtime chose.",
              type: ["integer", "null"],
              minimum: 1
            }
          }
        },
        metrics: {
          title: "Metrics",
          description: "Scores of the summed confusion matrix. Means leave out classes whose score is null.",
          type: "object",
          additionalProperties: false,
          required: [
            "miou",
            "pixelAccuracy",
            "meanRecall",
            "fwIou",
            "scoredPixels",
            "ignoredPixels",
            "unscoredPixels"
          ],
          properties: {
            miou: {
              title: "mIoU",
              description: "Mean of the per-class IoU over classes whose IoU is not null.",
              $ref: "#/$defs/ratio"
            },
            pixelAccuracy: {
              title: "Pixel accuracy",
              description: "Correct pixels divided by scored pixels (trace over sum of the confusion matrix).",
              $ref: "#/$defs/ratio"
            },
            meanRecall: {
              title: "Mean recall",
              description: "Mean of the per-class recall over classes whose recall is not null (mean class accuracy).",
              $ref: "#/$defs/ratio"
            },
            fwIou: {
              title: "Frequency-weighted IoU",
              description: "Per-class IoU weighted by the class support.",
              $ref: "#/$defs/ratio"
            },
            scoredPixels: {
              title: "Scored pixels",
              description: "Pixels counted in the confusion matrix.",
              $ref: "#/$defs/count"
            },
            ignoredPixels: {
              title: "Ignored pixels",
              description: "Label pixels equal to the ignore index, removed before counting.",
              $ref: "#/$defs/count"
            },
            unscoredPixels: {
              title: "Unscored pixels",
              description: "Pixels left out because their label or prediction broke a contract.",
              $ref: "#/$defs/count"
            }
          }
        },
        class: {
          title: "Class scores",
          description: "Scores of one class. A ratio is null when its denominator is empty.",
          type: "object",
          additionalProperties: false,
          required: [
            "id",
            "name",
            "iou",
            "recall",
            "precision",
            "support",
            "predicted",
            "intersection",
            "union"
          ],
          properties: {
            id: {
              title: "Class id",
              description: "Class id, equal to the entry's index in `classes`.",
              type: "integer",
              minimum: 0,
              maximum: 255
            },
            name: {
              title: "Class name",
              description: "Class name from the configuration, for example `aeroplane`.",
              type: "string"
            },
            iou: {
              title: "IoU",
              description: "Intersection over union. Null when the union is 0 (class absent from labels and predictions).",
              $ref: "#/$defs/ratio"
            },
            recall: {
              title: "Recall",
              description: "Intersection over support. Null when the support is 0.",
              $ref: "#/$defs/ratio"
            },
            precision: {
              title: "Precision",
              description: "Intersection over predicted pixels. Null when no pixel was predicted as this class.",
              $ref: "#/$defs/ratio"
            },
            support: {
              title: "Support",
              description: "Labelled pixels of this class (row sum of the confusion matrix).",
              $ref: "#/$defs/count"
            },
            predicted: {
              title: "Predicted pixels",
              description: "Scored pixels predicted as this class (column sum of the confusion matrix).",
              $ref: "#/$defs/count"
            },
            intersection: {
              title: "Intersection",
              description: "Pixels labelled and predicted as this class (diagonal entry).",
              $ref: "#/$defs/count"
            },
            union: {
              title: "Union",
              description: "Support plus predicted pixels minus intersection.",
              $ref: "#/$defs/count"
            }
          }
        },
        check: {
          title: "Check result",
          description: "Outcome of one check.",
          type: "object",
          additionalProperties: false,
          required: ["id", "status", "message"],
          properties: {
            id: {
              title: "Check id",
              description: "Stable id with a family prefix (`contract`, `collapse`, `threshold`, `regression` or `training`), for example `contract.labels.encoding`.",
              type: "string",
              pattern: "^(contract|collapse|threshold|regression|training)\\.[a-z0-9.-]+$"
            },
            status: {
              title: "Check status",
              description: "`fail` makes the verdict `fail`; `warn` is reported without failing; `skip` means the check could not apply (for example no baseline).",
              enum: ["pass", "warn", "fail", "skip"]
            },
            message: {
              title: "Check message",
              description: "One paragraph: the evidence and the likely cause.",
              type: "string"
            }
          }
        },
        image: {
          title: "Image",
          description: "One evaluated image.",
          type: "object",
          additionalProperties: false,
          required: ["id", "width", "height", "ignoredPixels", "scored", "counts"],
          properties: {
            id: {
              title: "Image id",
              description: "Image id, for example `2007_000033`.",
              type: "string"
            },
            width: {
              title: "Width",
              description: "Label width in pixels.",
              type: "integer",
              minimum: 1
            },
            height: {
              title: "Height",
              description: "Label height in pixels.",
              type: "integer",
              minimum: 1
            },
            ignoredPixels: {
              title: "Ignored pixels",
              description: "Label pixels equal to the ignore index.",
              $ref: "#/$defs/count"
            },
            scored: {
              title: "Scored",
              description: "False when a contract violation kept this image out of the confusion matrix.",
              type: "boolean"
            },
            counts: {
              title: "Confusion counts",
              description: "Non-zero confusion matrix entries of this image as `[true class, predicted class, pixels]` triples.",
              type: "array",
              items: {
                title: "Confusion count",
                description: "`[true class, predicted class, pixels]`.",
                type: "array",
                prefixItems: [
                  {
                    $ref: "#/$defs/classId"
                  },
                  {
                    $ref: "#/$defs/classId"
                  },
                  {
                    $ref: "#/$defs/count"
                  }
                ],
                items: false,
                minItems: 3
              }
            }
          }
        },
        timing: {
          title: "Timing",
          description: "Wall-clock times of the run. Stage times are sums over all images.",
          type: "object",
          additionalProperties: false,
          required: [
            "startedAt",
            "totalMs",
            "openMs",
            "decodeMs",
            "preprocessMs",
            "inferenceMs",
            "metricsMs",
            "imagesPerSecond"
          ],
          properties: {
            startedAt: {
              title: "Start time",
              description: "When the run started, as an RFC 3339 date-time, for example `2025-01-31T12:00:00.000Z`.",
              type: "string",
              format: "date-time"
            },
            totalMs: {
              title: "Total time",
              description: "Whole run in milliseconds.",
              $ref: "#/$defs/milliseconds"
            },
            openMs: {
              title: "Open time",
              description: "Loading the model or opening the predictions folder, in milliseconds.",
              $ref: "#/$defs/milliseconds"
            },
            decodeMs: {
              title: "Decode time",
              description: "Reading and decoding label and prediction files, in milliseconds.",
              $ref: "#/$defs/milliseconds"
            },
            preprocessMs: {
              title: "Preprocess time",
              description: "Decoding and preprocessing images, in milliseconds.",
              $ref: "#/$defs/milliseconds"
            },
            inferenceMs: {
              title: "Inference time",
              description: "Model calls, in milliseconds.",
              $ref: "#/$defs/milliseconds"
            },
            metricsMs: {
              title: "Metrics time",
              description: "Counting and deriving metrics, in milliseconds.",
              $ref: "#/$defs/milliseconds"
            },
            imagesPerSecond: {
              title: "Throughput",
              description: "Evaluated images per second. Null when no image was evaluated.",
              type: ["number", "null"],
              minimum: 0
            }
          }
        },
        baseline: {
          title: "Baseline comparison",
          description: "Result of comparing this run with a baseline report of the same images, labels and classes.",
          type: "object",
          additionalProperties: false,
          required: ["source", "deltaMiou", "interval", "resamples", "seed", "classes"],
          properties: {
            source: {
              title: "Baseline source",
              description: "Where the baseline report came from: a file path or a cache key.",
              type: "string"
            },
            deltaMiou: {
              title: "mIoU difference",
              description: "mIoU of this run minus mIoU of the baseline; null when either is undefined.",
              type: ["number", "null"],
              minimum: -1,
              maximum: 1
            },
            interval: {
              title: "Interval of the mIoU difference",
              description: "Two-sided 95 % percentile interval of the mIoU difference from a paired bootstrap over images, as [lower, upper]; null when the difference is null.",
              oneOf: [
                {
                  type: "null"
                },
                {
                  type: "array",
                  items: {
                    type: "number",
                    minimum: -1,
                    maximum: 1
                  },
                  minItems: 2,
                  maxItems: 2
                }
              ]
            },
            resamples: {
              title: "Bootstrap resamples",
              description: "Number of bootstrap resamples of the images.",
              type: "integer",
              minimum: 1
            },
            seed: {
              title: "Bootstrap seed",
              description: "Seed of the resampling generator.",
              type: "integer",
              minimum: 0
            },
            classes: {
              title: "Per-class differences",
              description: "IoU of every class in the baseline and in this run, and the difference.",
              type: "array",
              items: {
                title: "Class difference",
                description: "IoU of one class in both runs.",
                type: "object",
                additionalProperties: false,
                required: ["id", "name", "baselineIou", "iou", "delta"],
                properties: {
                  id: {
                    title: "Class id",
                    description: "Id of the class, 0..C-1.",
                    $ref: "#/$defs/classId"
                  },
                  name: {
                    title: "Class name",
                    description: "Name of the class.",
                    type: "string"
                  },
                  baselineIou: {
                    title: "Baseline IoU",
                    description: "IoU in the baseline; null when undefined.",
                    $ref: "#/$defs/ratio"
                  },
                  iou: {
                    title: "IoU",
                    description: "IoU in this run; null when undefined.",
                    $ref: "#/$defs/ratio"
                  },
                  delta: {
                    title: "IoU difference",
                    description: "IoU of this run minus the baseline IoU; null unless both are defined.",
                    type: ["number", "null"],
                    minimum: -1,
                    maximum: 1
                  }
                }
              }
            }
          }
        }
      }
    };
  }
});

// src/report/validate.ts
import { Ajv2020 as Ajv20203 } from "ajv/dist/2020.js";
function reportValidator() {
  if (compiled === null) {
    const ajv = new Ajv20203({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
      verbose: true
    });
    ajv.addFormat(
      "date-time",
      (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
    );
    compiled = ajv.compile(report_schema_default);
  }
  return compiled;
}
function validateReport(value, source = "report") {
  const validate2 = reportValidator();
  if (!validate2(value)) {
    throw new ReportValidationError(source, relevantErrors(validate2.errors ?? []).map(toViolation));
  }
  const violations = consistencyViolations(value);
  if (violations.length > 0) {
    throw new ReportValidationError(source, violations);
  }
  return value;
}
function relevantErrors(errors) {
  const hasSpecificError = (path) => errors.some(
    (other) => !isNullableNoise(other) && (other.instancePath === path || other.instancePath.startsWith(`${path}/`))
  );
  return errors.filter((error) => {
    if (error.keyword === "if" || /\/(anyOf|contains)\//.test(error.schemaPath)) {
      return false;
    }
    return !isNullableNoise(error) || !hasSpecificError(error.instancePath);
  });
}
function isNullableNoise(error) {
  return error.keyword === "oneOf" || /\/oneOf\/1\/type$/.test(error.schemaPath);
}
function toViolation(error) {
  return { path: error.instancePath, message: describeAjvError(error) };
}
function describeAjvError(error) {
  const params = error.params;
  const message = error.message ?? error.keyword;
  if (error.instancePath === "/checks" && error.keyword === "not") {
    return 'a check has status "fail", so the verdict must be "fail", not "pass"';
  }
  if (error.instancePath === "/checks" && error.keyword === "contains") {
    return 'no check has status "fail", so the verdict must be "pass", not "fail"';
  }
  if (error.schemaPath.startsWith("#/allOf/0/then/")) {
    return 'must be an object because the verdict is "error"';
  }
  if (error.schemaPath.startsWith("#/allOf/0/else/")) {
    return 'must be null because the verdict is not "error"';
  }
  if (error.keyword === "anyOf") {
    return `must be a string, number, boolean, null or array of numbers, received ${formatReceived2(error.data)}`;
  }
  if (error.keyword === "additionalProperties") {
    return `unknown property ${JSON.stringify(params["additionalProperty"])}`;
  }
  if (error.keyword === "enum") {
    const allowed = params["allowedValues"].map((item) => JSON.stringify(item));
    return `must be one of ${allowed.join(", ")}, received ${formatReceived2(error.data)}`;
  }
  if (error.keyword === "const") {
    const expected = JSON.stringify(params["allowedValue"]);
    return `must be ${expected}, received ${formatReceived2(error.data)}`;
  }
  const isContainer2 = error.data !== null && typeof error.data === "object";
  if (error.keyword === "required" || isContainer2) {
    return message;
  }
  return `${message}, received ${formatReceived2(error.data)}`;
}
function consistencyViolations(report) {
  const violations = [];
  const classCount = report.classes.length;
  report.classes.forEach((entry, index) => {
    if (entry.id !== index) {
      violations.push({
        path: `/classes/${index}/id`,
        message: `class id ${entry.id} at index ${index}: classes must be listed in id order from 0`
      });
    }
  });
  if (report.confusionMatrix.length !== classCount) {
    violations.push({
      path: "/confusionMatrix",
      message: `${report.confusionMatrix.length} rows vs ${classCount} classes: the matrix must have one row per class`
    });
  }
  report.confusionMatrix.forEach((row, index) => {
    if (row.length !== classCount) {
      violations.push({
        path: `/confusionMatrix/${index}`,
        message: `${row.length} columns vs ${classCount} classes: each row must have one column per class`
      });
    }
  });
  if (report.dataset !== null && classCount > 0 && report.dataset.numClasses !== classCount) {
    violations.push({
      path: "/classes",
      message: `${classCount} classes vs dataset.numClasses ${report.dataset.numClasses}: there must be one entry per class`
    });
  }
  return violations;
}
function formatViolations(source, violations) {
  const count = violations.length === 1 ? "1 violation" : `${violations.length} violations`;
  const lines = violations.map(
    (item) => `  ${item.path === "" ? "(root)" : item.path}: ${item.message}`
  );
  return [`${source} is not a valid seg-gate report (${count}):`, ...lines].join("\n");
}
function formatReceived2(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > RECEIVED_MAX_LENGTH ? `${text.slice(0, RECEIVED_MAX_LENGTH - 1)}\u2026` : text;
}
var ReportValidationError, DATE_TIME, compiled, RECEIVED_MAX_LENGTH;
var init_validate = __esm({
  "src/report/validate.ts"() {
    "use strict";
    init_report_schema();
    ReportValidationError = class extends Error {
      constructor(source, violations) {
        super(formatViolations(source, violations));
        this.source = source;
        this.violations = violations;
      }
      source;
      violations;
      name = "ReportValidationError";
    };
    DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
    compiled = null;
    RECEIVED_MAX_LENGTH = 80;
  }
});

// src/pipeline/baseline.ts
import { readFile as readFile5 } from "node:fs/promises";
async function loadBaseline(path) {
  let text;
  try {
    text = await readFile5(path, "utf8");
  } catch (error) {
    throw new InputError(
      `Cannot read the baseline report ${path}: ${errorMessage(error)}. Pass the report.json of an earlier run with --baseline.`
    );
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`The baseline report ${path} is not valid JSON: ${errorMessage(error)}.`);
  }
  let report;
  try {
    report = validateReport(value, path);
  } catch (error) {
    if (error instanceof ReportValidationError) {
      throw new InputError(
        `The baseline ${path} is not a seg-gate report of this schema version: ${error.message}`
      );
    }
    throw error;
  }
  if (report.verdict === "error") {
    throw new InputError(
      `The baseline report ${path} is from a run that could not finish (verdict error), so it has no metrics to compare with.`
    );
  }
  return { report, source: path };
}
var init_baseline = __esm({
  "src/pipeline/baseline.ts"() {
    "use strict";
    init_errors();
    init_validate();
  }
});

// src/pipeline/fingerprint.ts
import { createHash } from "node:crypto";
import { readFile as readFile6 } from "node:fs/promises";
function sha256Hex(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
async function fingerprintSamples(samples, settings) {
  const builder = new FingerprintBuilder(settings);
  for (const sample of samples) {
    builder.add(sample.id, sha256Hex(await readFile6(sample.labelPath)));
  }
  return builder.digest();
}
var FingerprintBuilder;
var init_fingerprint = __esm({
  "src/pipeline/fingerprint.ts"() {
    "use strict";
    FingerprintBuilder = class {
      hash = createHash("sha256");
      constructor(settings) {
        this.hash.update(`classes=${settings.numClasses};ignore=${settings.ignoreIndex};`);
        this.hash.update(`labelMap=${settings.labelMap ?? ""};`);
      }
      /** Adds one evaluated id and the sha256 (hex) of its label file bytes. */
      add(id, labelSha256) {
        this.hash.update(`${id}\0${labelSha256}
`);
      }
      /** Returns the fingerprint as lower-case hex sha256. */
      digest() {
        return this.hash.digest("hex");
      }
    };
  }
});

// src/metrics/divide.ts
function divideOrNull(numerator, denominator) {
  return denominator === 0 ? null : numerator / denominator;
}
function meanOfDefined(values) {
  let sum3 = 0;
  let count = 0;
  for (const value of values) {
    if (value !== null) {
      sum3 += value;
      count += 1;
    }
  }
  return divideOrNull(sum3, count);
}
var init_divide = __esm({
  "src/metrics/divide.ts"() {
    "use strict";
  }
});

// src/metrics/scores.ts
function computeScores(matrix) {
  const classes = [];
  for (let c = 0; c < matrix.numClasses; c++) {
    classes.push(scoreClass(matrix, c));
  }
  const scoredPixels = matrix.total();
  const correctPixels = classes.reduce((sum3, scores) => sum3 + scores.intersection, 0);
  return {
    classes,
    miou: meanOfDefined(classes.map((scores) => scores.iou)),
    pixelAccuracy: divideOrNull(correctPixels, scoredPixels),
    meanRecall: meanOfDefined(classes.map((scores) => scores.recall)),
    fwIou: frequencyWeightedIou(classes, scoredPixels),
    scoredPixels
  };
}
function scoreClass(matrix, c) {
  let support = 0;
  let predicted = 0;
  for (let k = 0; k < matrix.numClasses; k++) {
    support += matrix.get(c, k);
    predicted += matrix.get(k, c);
  }
  const intersection = matrix.get(c, c);
  const union = support + predicted - intersection;
  return {
    intersection,
    union,
    support,
    predicted,
    iou: divideOrNull(intersection, union),
    recall: divideOrNull(intersection, support),
    precision: divideOrNull(intersection, predicted)
  };
}
function frequencyWeightedIou(classes, total) {
  if (total === 0) {
    return null;
  }
  let sum3 = 0;
  for (const scores of classes) {
    if (scores.iou !== null && scores.support > 0) {
      sum3 += scores.support / total * scores.iou;
    }
  }
  return sum3;
}
var init_scores = __esm({
  "src/metrics/scores.ts"() {
    "use strict";
    init_divide();
  }
});

// src/checks/collapse.ts
function runCollapseChecks(input, options = {}) {
  const resolved = resolveCollapseOptions(options);
  const scores = computeScores(input.matrix);
  return [
    checkDominantClass(scores, input.classNames, resolved),
    checkMissingClasses(scores, input.classNames, resolved),
    checkPerImageCollapse(input.images, input.classNames, resolved),
    checkTrivialBaseline(scores, input.classNames, resolved)
  ];
}
function checkDominantClass(scores, classNames, options) {
  const id = "collapse.dominant-class";
  const total = scores.scoredPixels;
  if (total === 0) {
    return {
      id,
      status: "skip",
      message: "No pixels were scored, so there is no prediction to judge."
    };
  }
  const top = argmax(scores.classes.map((entry) => entry.predicted));
  const name = className(classNames, top);
  const predictedShare = (scores.classes[top]?.predicted ?? 0) / total;
  const labelShare = (scores.classes[top]?.support ?? 0) / total;
  const excess = predictedShare - labelShare;
  const shares = `class ${name} takes ${formatPercent(predictedShare)} of predicted pixels and ${formatPercent(labelShare)} of labelled pixels`;
  if (!isAtLeast(predictedShare, options.dominantShare)) {
    return {
      id,
      status: "pass",
      message: `The most predicted ${shares}; no class reaches ${formatPercent(options.dominantShare)} of predicted pixels.`
    };
  }
  if (!isAtLeast(excess, options.dominantExcess)) {
    return {
      id,
      status: "pass",
      message: `The ${shares}. Its predicted share is less than ${points(options.dominantExcess)} above its labelled share, so the labels explain it.`
    };
  }
  return {
    id,
    status: "fail",
    message: `The ${shares}: the model predicts nearly every pixel as ${name}, ${points(excess)} more than the labels contain (limits: ${formatPercent(options.dominantShare)} of predicted pixels and ${points(options.dominantExcess)} above the labelled share). Likely causes are input preprocessing that differs from training (normalisation, channel order, input size), an output read with the wrong layout, or a model that did not learn.`
  };
}
function checkMissingClasses(scores, classNames, options) {
  const id = "collapse.missing-classes";
  const present = scores.classes.flatMap((entry, classId) => entry.support > 0 ? [classId] : []);
  if (present.length === 0) {
    return {
      id,
      status: "skip",
      message: "No pixels were scored, so no class is present in the labels."
    };
  }
  const missing = present.filter((classId) => scores.classes[classId]?.predicted === 0);
  if (missing.length === 0) {
    return {
      id,
      status: "pass",
      message: `All ${countOf(present.length, "class", "classes")} present in the labels are predicted on some pixels.`
    };
  }
  const listed = listWithRest(
    missing.map(
      (classId) => `${className(classNames, classId)} (${formatCount(scores.classes[classId]?.support ?? 0)} label pixels)`
    )
  );
  const evidence = `${missing.length} of ${countOf(present.length, "class", "classes")} present in the labels ${missing.length === 1 ? "is" : "are"} never predicted: ${listed}.`;
  if (isAbove(missing.length / present.length, options.missingClassesFailFraction)) {
    return {
      id,
      status: "fail",
      message: `${evidence} That is more than ${formatPercent(options.missingClassesFailFraction)} of the classes present, so the model predicts only a few classes: a collapsed model, a class list in another order than the labels', or a model trained for other classes is likely.`
    };
  }
  return {
    id,
    status: "warn",
    message: `${evidence} The model may not have learned ${missing.length === 1 ? "it" : "them"}, or its class ids may be in another order than the labels'.`
  };
}
function checkPerImageCollapse(images, classNames, options) {
  const id = "collapse.per-image";
  const eligible = images.filter((image2) => image2.scored && distinct(image2.counts, 0).size >= 2);
  if (eligible.length === 0) {
    return {
      id,
      status: "skip",
      message: "No scored image has two or more classes in its label, so per-image collapse cannot be judged."
    };
  }
  const single = eligible.filter((image2) => distinct(image2.counts, 1).size === 1);
  const examples = single.map((image2) => {
    const predicted = image2.counts[0]?.[1] ?? 0;
    return `${image2.id} all ${className(classNames, predicted)}`;
  });
  const evidence = `${single.length} of ${countOf(eligible.length, "image")} whose labels contain two or more classes got a single predicted class`;
  if (single.length === 0) {
    return { id, status: "pass", message: `${evidence}.` };
  }
  const withExamples = `${evidence} (${listWithRest(examples, MAX_EXAMPLE_IDS)}).`;
  if (isAbove(single.length / eligible.length, options.singleClassImagesFailFraction)) {
    return {
      id,
      status: "fail",
      message: `${withExamples} That is more than ${formatPercent(options.singleClassImagesFailFraction)} of them: the model outputs one class per image instead of a segmentation. A collapsed model, or a prediction read from the wrong output or channel, is likely.`
    };
  }
  return { id, status: "pass", message: withExamples };
}
function majorityClassBaseline(scores) {
  const total = scores.scoredPixels;
  if (total === 0) {
    return null;
  }
  const supports = scores.classes.map((entry) => entry.support);
  const classId = argmax(supports);
  const present = supports.filter((support) => support > 0).length;
  const pixelAccuracy = (supports[classId] ?? 0) / total;
  return { classId, pixelAccuracy, miou: pixelAccuracy / present };
}
function checkTrivialBaseline(scores, classNames, options) {
  const id = "collapse.trivial-baseline";
  const trivial = majorityClassBaseline(scores);
  if (trivial === null || scores.miou === null || scores.pixelAccuracy === null) {
    return {
      id,
      status: "skip",
      message: "No pixels were scored, so there is no mIoU to compare."
    };
  }
  const name = className(classNames, trivial.classId);
  const margin = scores.miou - trivial.miou;
  const comparison = `Model mIoU ${formatRatio(scores.miou)} and pixel accuracy ${formatRatio(scores.pixelAccuracy)} vs mIoU ${formatRatio(trivial.miou)} and pixel accuracy ${formatRatio(trivial.pixelAccuracy)} for a trivial predictor that outputs ${name}, the most frequent labelled class, for every pixel.`;
  if (isAtLeast(margin, options.trivialMiouMargin)) {
    return {
      id,
      status: "pass",
      message: `${comparison} The model's mIoU is ${formatRatio(margin)} above it (minimum margin ${formatRatio(options.trivialMiouMargin)}).`
    };
  }
  const gap = margin >= 0 ? `only ${formatRatio(margin)} above it` : `${formatRatio(-margin)} below it`;
  return {
    id,
    status: "fail",
    message: `${comparison} The model's mIoU is ${gap}, less than the required margin ${formatRatio(options.trivialMiouMargin)}, so it has learned little beyond predicting ${name}. Pixel accuracy misleads when one class dominates: ${name} covers ${formatPercent(trivial.pixelAccuracy)} of labelled pixels, so predicting it everywhere already reaches pixel accuracy ${formatRatio(trivial.pixelAccuracy)}.`
  };
}
function argmax(values) {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if ((values[index] ?? 0) > (values[best] ?? 0)) {
      best = index;
    }
  }
  return best;
}
function distinct(counts, position) {
  return new Set(counts.map((triple) => triple[position]));
}
function points(difference) {
  return `${(difference * 100).toFixed(1)} percentage points`;
}
var init_collapse = __esm({
  "src/checks/collapse.ts"() {
    "use strict";
    init_scores();
    init_format();
    init_listing();
    init_options();
    init_tolerance();
  }
});

// src/metrics/confusion.ts
var ConfusionMatrix;
var init_confusion = __esm({
  "src/metrics/confusion.ts"() {
    "use strict";
    ConfusionMatrix = class {
      numClasses;
      counts;
      constructor(numClasses) {
        if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
          throw new RangeError(`numClasses must be an integer in 1..256, received ${numClasses}`);
        }
        this.numClasses = numClasses;
        this.counts = new Float64Array(numClasses * numClasses);
      }
      /** Count of pixels whose true class is `trueClass` and predicted class is `predictedClass`. */
      get(trueClass, predictedClass) {
        return this.counts[trueClass * this.numClasses + predictedClass] ?? 0;
      }
      /** Adds `pixels` to one cell. */
      add(trueClass, predictedClass, pixels) {
        const index = trueClass * this.numClasses + predictedClass;
        this.counts[index] = (this.counts[index] ?? 0) + pixels;
      }
      /** Adds every cell of `other`, which must have the same class count. */
      addMatrix(other) {
        if (other.numClasses !== this.numClasses) {
          throw new RangeError(`class count ${other.numClasses} vs ${this.numClasses}`);
        }
        for (let i = 0; i < this.counts.length; i++) {
          this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
        }
      }
      /** Adds sparse `[true, predicted, pixels]` triples, as stored per image in the report. */
      addSparse(triples) {
        for (const [trueClass, predictedClass, pixels] of triples) {
          this.add(trueClass, predictedClass, pixels);
        }
      }
      /** Sum of all cells: the number of scored pixels. */
      total() {
        let sum3 = 0;
        for (const value of this.counts) {
          sum3 += value;
        }
        return sum3;
      }
      /** Returns the matrix as rows of plain numbers (rows true, columns predicted). */
      toRows() {
        const rows = [];
        for (let t = 0; t < this.numClasses; t++) {
          rows.push(Array.from(this.counts.subarray(t * this.numClasses, (t + 1) * this.numClasses)));
        }
        return rows;
      }
      /** Non-zero cells as `[true, predicted, pixels]` triples, in row-major order. */
      toSparse() {
        const triples = [];
        for (let index = 0; index < this.counts.length; index++) {
          const pixels = this.counts[index] ?? 0;
          if (pixels !== 0) {
            triples.push([Math.floor(index / this.numClasses), index % this.numClasses, pixels]);
          }
        }
        return triples;
      }
    };
  }
});

// src/checks/bootstrap.ts
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function pairedBootstrapMiou(pairs, numClasses, options) {
  const current = packCounts(
    pairs.map((pair) => pair.current),
    numClasses
  );
  const baseline = packCounts(
    pairs.map((pair) => pair.baseline),
    numClasses
  );
  const allOnce = new Int32Array(pairs.length).fill(1);
  const currentMiou = weightedMiou(current, allOnce, numClasses);
  const baselineMiou = weightedMiou(baseline, allOnce, numClasses);
  const estimate = currentMiou === null || baselineMiou === null ? null : currentMiou - baselineMiou;
  const deltas = resampleDeltas(current, baseline, numClasses, options);
  const sorted = Float64Array.from(deltas).sort();
  const tail = (1 - options.confidence) / 2;
  const interval = sorted.length === 0 ? null : [percentile(sorted, tail), percentile(sorted, 1 - tail)];
  return { currentMiou, baselineMiou, estimate, deltas, interval };
}
function percentile(sorted, q) {
  if (sorted.length === 0) {
    throw new RangeError("percentile of an empty array");
  }
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below];
  const high = sorted[above];
  return low + (high - low) * (position - below);
}
function packCounts(images, numClasses) {
  const offsets = new Int32Array(images.length + 1);
  let size = 0;
  images.forEach((triples, index) => {
    size += triples.length;
    offsets[index + 1] = size;
  });
  const cells = new Int32Array(size);
  const pixels = new Float64Array(size);
  let entry = 0;
  for (const triples of images) {
    for (const [trueClass, predictedClass, count] of triples) {
      if (!(trueClass >= 0 && trueClass < numClasses && predictedClass >= 0 && predictedClass < numClasses)) {
        throw new RangeError(
          `confusion triple [${trueClass}, ${predictedClass}, ${count}] has a class id outside 0..${numClasses - 1}`
        );
      }
      cells[entry] = trueClass * numClasses + predictedClass;
      pixels[entry] = count;
      entry += 1;
    }
  }
  return { offsets, cells, pixels };
}
function resampleDeltas(current, baseline, numClasses, options) {
  const imageCount = current.offsets.length - 1;
  const random = mulberry32(options.seed);
  const weights = new Int32Array(imageCount);
  const deltas = [];
  for (let resample = 0; resample < options.resamples; resample++) {
    weights.fill(0);
    for (let draw = 0; draw < imageCount; draw++) {
      const index = Math.floor(random() * imageCount);
      weights[index] = weights[index] + 1;
    }
    const currentMiou = weightedMiou(current, weights, numClasses);
    const baselineMiou = weightedMiou(baseline, weights, numClasses);
    if (currentMiou !== null && baselineMiou !== null) {
      deltas.push(currentMiou - baselineMiou);
    }
  }
  return Float64Array.from(deltas);
}
function weightedMiou(packed, weights, numClasses) {
  const matrix = new ConfusionMatrix(numClasses);
  const counts = matrix.counts;
  for (let image2 = 0; image2 < weights.length; image2++) {
    const weight = weights[image2];
    if (weight === 0) {
      continue;
    }
    const end = packed.offsets[image2 + 1];
    for (let entry = packed.offsets[image2]; entry < end; entry++) {
      const cell = packed.cells[entry];
      counts[cell] = counts[cell] + weight * packed.pixels[entry];
    }
  }
  return computeScores(matrix).miou;
}
var init_bootstrap = __esm({
  "src/checks/bootstrap.ts"() {
    "use strict";
    init_confusion();
    init_scores();
  }
});

// src/checks/regression.ts
function compareBaseline(current, baseline, source, options = {}) {
  const resolved = resolveRegressionOptions(options);
  assertComparable(current, baseline, source);
  const baselineById = new Map(baseline.images.map((image2) => [image2.id, image2]));
  const pairs = current.images.map((image2) => ({
    current: image2.counts,
    baseline: baselineById.get(image2.id)?.counts ?? []
  }));
  const numClasses = current.classNames.length;
  const bootstrap = pairedBootstrapMiou(pairs, numClasses, resolved);
  const comparison = {
    source,
    deltaMiou: bootstrap.estimate,
    interval: bootstrap.estimate === null ? null : bootstrap.interval,
    resamples: resolved.resamples,
    seed: resolved.seed,
    classes: compareClasses(current, baseline, numClasses)
  };
  return {
    checks: [
      checkMiouRegression(bootstrap, comparison, current.images.length, resolved),
      checkClassRegression(comparison, baseline.images, resolved)
    ],
    comparison
  };
}
function skippedRegressionChecks(reason) {
  return [
    { id: "regression.miou", status: "skip", message: reason },
    { id: "regression.class-iou", status: "skip", message: reason }
  ];
}
function compareClasses(current, baseline, numClasses) {
  const currentScores = computeScores(sumCounts(current.images, numClasses));
  const baselineScores = computeScores(sumCounts(baseline.images, numClasses));
  return current.classNames.map((name, id) => {
    const iou = currentScores.classes[id]?.iou ?? null;
    const baselineIou = baselineScores.classes[id]?.iou ?? null;
    const delta = iou === null || baselineIou === null ? null : iou - baselineIou;
    return { id, name, baselineIou, iou, delta };
  });
}
function sumCounts(images, numClasses) {
  const matrix = new ConfusionMatrix(numClasses);
  for (const image2 of images) {
    matrix.addSparse(image2.counts);
  }
  return matrix;
}
function checkMiouRegression(bootstrap, comparison, imageCount, options) {
  const id = "regression.miou";
  const { estimate } = bootstrap;
  const interval = comparison.interval;
  if (estimate === null || interval === null) {
    return {
      id,
      status: "skip",
      message: `mIoU is undefined in ${bootstrap.currentMiou === null ? "the current run" : "the baseline"} (no scored pixels), so the runs cannot be compared.`
    };
  }
  const [lower, upper] = interval;
  const evidence = `Against the baseline ${comparison.source}, mIoU went from ${formatRatio(bootstrap.baselineMiou)} to ${formatRatio(bootstrap.currentMiou)}: a change of ${signed(estimate)} with a ${Math.round(options.confidence * 100)}% interval of [${signed(lower)}, ${signed(upper)}] from ${options.resamples} paired bootstrap resamples of ${countOf(imageCount, "image")} (seed ${options.seed}).`;
  const allowed = formatRatio(options.maxMiouDrop);
  if (isBelow(estimate, -options.maxMiouDrop) && upper < 0) {
    return {
      id,
      status: "fail",
      message: `${evidence} The drop is larger than the allowed ${allowed} and the interval lies below 0, so it is unlikely to be resampling noise. regression.class-iou and the per-class changes show which classes lost the most.`
    };
  }
  let verdict;
  if (lower > 0) {
    verdict = "The interval lies above 0: a significant improvement.";
  } else if (upper < 0) {
    verdict = `The interval lies below 0, but the drop is within the allowed ${allowed}.`;
  } else if (isBelow(estimate, -options.maxMiouDrop)) {
    verdict = `The drop is larger than the allowed ${allowed}, but the interval contains 0, so it is within resampling noise on these images.`;
  } else {
    verdict = "The interval contains 0: the difference is within resampling noise.";
  }
  return { id, status: "pass", message: `${evidence} ${verdict}` };
}
function checkClassRegression(comparison, baselineImages, options) {
  const id = "regression.class-iou";
  const compared = comparison.classes.flatMap(
    (entry) => entry.delta === null || entry.baselineIou === null || entry.iou === null ? [] : [
      {
        id: entry.id,
        name: entry.name,
        before: entry.baselineIou,
        after: entry.iou,
        delta: entry.delta
      }
    ]
  );
  const oneSided = comparison.classes.filter(
    (entry) => entry.iou === null !== (entry.baselineIou === null)
  );
  const note = oneSided.length === 0 ? "" : ` Scored in only one run and not compared: ${listWithRest(
    oneSided.map(
      (entry) => `${entry.name} (${entry.iou === null ? "baseline" : "current"} only)`
    )
  )}.`;
  if (compared.length === 0) {
    return { id, status: "skip", message: `No class has an IoU in both runs.${note}` };
  }
  const imagesWith = imagesPerClass(baselineImages);
  const dropped = compared.filter((entry) => isAbove(-entry.delta, options.maxClassIouDrop)).sort((a, b) => a.delta - b.delta);
  const allowed = formatRatio(options.maxClassIouDrop);
  if (dropped.length > 0) {
    const listed = dropped.map(
      (entry) => `${entry.name} ${formatRatio(entry.before)} -> ${formatRatio(entry.after)} (${signed(entry.delta)}, labelled in ${countOf(imagesWith.get(entry.id) ?? 0, "image")})`
    ).join(", ");
    return {
      id,
      status: "fail",
      message: `${dropped.length} of ${countOf(compared.length, "class", "classes")} scored in both runs lost more than ${allowed} IoU against the baseline ${comparison.source}: ${listed}. The confusion matrix rows of these classes show which classes took their pixels.${note}`
    };
  }
  const worst = compared.reduce((a, b) => b.delta < a.delta ? b : a);
  const largest = worst.delta < 0 ? `the largest drop is ${worst.name} ${formatRatio(worst.before)} -> ${formatRatio(worst.after)} (${signed(worst.delta)})` : "no class lost IoU";
  return {
    id,
    status: "pass",
    message: `No class of the ${compared.length} scored in both runs lost more than ${allowed} IoU against the baseline ${comparison.source}; ${largest}.${note}`
  };
}
function imagesPerClass(images) {
  const counts = /* @__PURE__ */ new Map();
  for (const image2 of images) {
    for (const classId of new Set(image2.counts.map((triple) => triple[0]))) {
      counts.set(classId, (counts.get(classId) ?? 0) + 1);
    }
  }
  return counts;
}
function signed(value) {
  const text = formatRatio(Math.abs(value));
  if (text === "0.0000") {
    return text;
  }
  return `${value < 0 ? "-" : "+"}${text}`;
}
var init_regression = __esm({
  "src/checks/regression.ts"() {
    "use strict";
    init_confusion();
    init_scores();
    init_format();
    init_bootstrap();
    init_comparable();
    init_listing();
    init_options();
    init_tolerance();
  }
});

// src/pipeline/gate.ts
async function runGate(settings, outcome, inputs) {
  const scores = computeScores(outcome.matrix);
  const classes = scores.classes.map((entry, id) => ({
    id,
    name: settings.classNames[id] ?? `class ${id}`,
    iou: entry.iou,
    recall: entry.recall
  }));
  const contract = [...outcome.contractChecks, ...inputs.analysis.finish()];
  if (outcome.batchCheck) {
    contract.push(outcome.batchCheck);
  }
  const collapse2 = runCollapseChecks(
    { matrix: outcome.matrix, images: outcome.images, classNames: settings.classNames },
    settings.checks.collapse
  );
  const thresholds = runThresholdChecks({ miou: scores.miou, classes }, settings.checks.thresholds);
  const regression2 = compareWithBaseline(settings, outcome, inputs.baseline);
  const checks = applyLevels(
    [...contract, ...collapse2, ...thresholds, ...regression2.checks],
    settings.checks.levels
  );
  const overlays = inputs.overlays ? await inputs.overlays.finish() : [];
  return { checks, baseline: regression2.comparison, overlays, warnings: [] };
}
function compareWithBaseline(settings, outcome, baseline) {
  if (!baseline) {
    return {
      checks: skippedRegressionChecks(
        "No baseline report was given, so there is nothing to compare with (--baseline FILE)."
      ),
      comparison: null
    };
  }
  const current = currentRunFromDataset(outcome.fingerprint, settings.classNames, outcome.images);
  const result = compareBaseline(
    current,
    baseline.report,
    baseline.source,
    settings.checks.regression
  );
  return { checks: result.checks, comparison: result.comparison };
}
var init_gate = __esm({
  "src/pipeline/gate.ts"() {
    "use strict";
    init_collapse();
    init_comparable();
    init_levels();
    init_regression();
    init_thresholds();
    init_scores();
  }
});

// src/config/unused-settings.ts
import { extname as extname3 } from "node:path";
function unusedSettingWarnings(settings) {
  const warnings = [];
  const input = settings.input;
  if (settings.predictions !== null && input.normalize !== null) {
    warnings.push(
      `--normalize ${input.normalize} has no effect with --predictions: prediction files are scored as they are.`
    );
  }
  if (settings.predictions !== null && input.inputSize !== null) {
    warnings.push("--input-size has no effect with --predictions: no model runs.");
  }
  const isOnnx = settings.model !== null && extname3(settings.model).toLowerCase() === ".onnx";
  if ((isOnnx || settings.predictions !== null) && input.backend !== null) {
    warnings.push(
      `--backend ${input.backend} has no effect: it picks the TensorFlow.js backend, and this run uses ${isOnnx ? "an ONNX model" : "prediction files"}.`
    );
  }
  if (settings.overlays === 0 && settings.overlaysDir !== null) {
    warnings.push(
      `--overlays-dir ${settings.overlaysDir} has no effect while --overlays is 0: pass --overlays K to draw the K worst images.`
    );
  }
  return warnings;
}
var init_unused_settings = __esm({
  "src/config/unused-settings.ts"() {
    "use strict";
  }
});

// src/io/prepare-outputs.ts
import { access, constants } from "node:fs/promises";
import { dirname as dirname5 } from "node:path";
async function prepareOutputs(targets) {
  for (const target of targets) {
    const folder = target.kind === "file" ? dirname5(target.path) : target.path;
    try {
      await ensureDir(folder);
      await access(folder, constants.W_OK);
    } catch (error) {
      throw new UsageError(
        `Cannot write ${target.option} ${target.path}: ${errorMessage(error)}. Choose a path in a folder that can be created and written to.`,
        { cause: error }
      );
    }
  }
}
var init_prepare_outputs = __esm({
  "src/io/prepare-outputs.ts"() {
    "use strict";
    init_errors();
    init_ensure_dir();
  }
});

// src/pipeline/assemble.ts
var assemble_exports = {};
__export(assemble_exports, {
  assembleErrorReport: () => assembleErrorReport,
  assembleReport: () => assembleReport,
  verdictOf: () => verdictOf
});
function verdictOf(checks) {
  return checks.some((check) => check.status === "fail") ? "fail" : "pass";
}
function assembleReport(settings, outcome, gate, clock) {
  const { checks } = gate;
  const scores = computeScores(outcome.matrix);
  const classes = scores.classes.map((scoresOfClass, id) => ({
    id,
    name: settings.classNames[id] ?? `class ${id}`,
    iou: scoresOfClass.iou,
    recall: scoresOfClass.recall,
    precision: scoresOfClass.precision,
    support: scoresOfClass.support,
    predicted: scoresOfClass.predicted,
    intersection: scoresOfClass.intersection,
    union: scoresOfClass.union
  }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "seg-gate", version: TOOL_VERSION },
    verdict: verdictOf(checks),
    error: null,
    dataset: datasetReport(settings, outcome),
    model: {
      kind: outcome.segmenter.kind,
      path: outcome.segmenter.path,
      decoding: outcome.segmenter.decoding,
      details: outcome.segmenter.details
    },
    preprocessing: settings.model ? preprocessingReport(settings) : null,
    metrics: {
      miou: scores.miou,
      pixelAccuracy: scores.pixelAccuracy,
      meanRecall: scores.meanRecall,
      fwIou: scores.fwIou,
      scoredPixels: scores.scoredPixels,
      ignoredPixels: outcome.ignoredPixels,
      unscoredPixels: outcome.unscoredPixels
    },
    classes,
    confusionMatrix: outcome.matrix.toRows(),
    checks,
    images: outcome.images,
    warnings: [...outcome.warnings, ...gate.warnings],
    timing: timingReport(outcome, clock),
    baseline: gate.baseline,
    overlays: gate.overlays
  };
}
function assembleErrorReport(error, clock) {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "seg-gate", version: TOOL_VERSION },
    verdict: "error",
    error,
    dataset: null,
    model: null,
    preprocessing: null,
    metrics: null,
    classes: [],
    confusionMatrix: [],
    checks: [],
    images: [],
    warnings: [],
    baseline: null,
    overlays: [],
    timing: {
      startedAt: clock.startedAt.toISOString(),
      totalMs: clock.totalMs,
      openMs: 0,
      decodeMs: 0,
      preprocessMs: 0,
      inferenceMs: 0,
      metricsMs: 0,
      imagesPerSecond: null
    }
  };
}
function datasetReport(settings, outcome) {
  const { dataset } = outcome;
  const source = dataset.source;
  return {
    source: source.kind,
    root: source.kind === "voc" ? source.root : null,
    split: source.kind === "voc" ? source.split : null,
    idsFile: source.kind === "voc" ? source.idsFile : null,
    imagesDir: source.kind === "folders" ? source.imagesDir : null,
    labelsDir: source.kind === "folders" ? source.labelsDir : null,
    listed: dataset.listedCount,
    evaluated: dataset.samples.length,
    skippedMissing: dataset.skippedIds.length,
    skippedIds: dataset.skippedIds.slice(0, MAX_REPORTED_SKIPPED_IDS),
    numClasses: settings.numClasses,
    ignoreIndex: settings.ignoreIndex,
    fingerprint: outcome.fingerprint
  };
}
function preprocessingReport(settings) {
  const input = settings.input;
  return {
    normalize: input.normalize,
    channelOrder: input.channelOrder,
    inputSize: input.inputSize ? `${input.inputSize.width}x${input.inputSize.height}` : null,
    resize: input.resize,
    layout: input.layout,
    upsample: input.upsample,
    device: input.device,
    threads: input.threads
  };
}
function timingReport(outcome, clock) {
  const { timing } = outcome;
  const evaluated = outcome.dataset.samples.length;
  return {
    startedAt: clock.startedAt.toISOString(),
    totalMs: round(clock.totalMs),
    openMs: round(timing.openMs),
    decodeMs: round(timing.decodeMs),
    preprocessMs: round(timing.preprocessMs),
    inferenceMs: round(timing.inferenceMs),
    metricsMs: round(timing.metricsMs),
    imagesPerSecond: timing.loopMs > 0 ? round(evaluated * 1e3 / timing.loopMs) : null
  };
}
function round(milliseconds) {
  return Math.round(milliseconds * 10) / 10;
}
var MAX_REPORTED_SKIPPED_IDS;
var init_assemble = __esm({
  "src/pipeline/assemble.ts"() {
    "use strict";
    init_scores();
    init_types();
    init_version();
    MAX_REPORTED_SKIPPED_IDS = 20;
  }
});

// src/dataset/folders-layout.ts
import { readdir, stat as stat3 } from "node:fs/promises";
import { join as join5 } from "node:path";
async function listFolderDataset(imagesDir, labelsDir, onWarning) {
  await requireFolder(imagesDir, "Images");
  const names = await listFileNames(labelsDir);
  const isLabel = (name) => name.endsWith(LABEL_EXTENSION) && name.length > LABEL_EXTENSION.length;
  const labelNames = names.filter(isLabel);
  const ignored = names.filter((name) => !isLabel(name));
  if (ignored.length > 0) {
    onWarning?.(ignoredFilesWarning(labelsDir, ignored));
  }
  if (labelNames.length === 0) {
    throw new InputError(
      `The labels folder ${labelsDir} has no ${LABEL_EXTENSION} files; expected one class-id PNG per image, named <id>.png.`
    );
  }
  const ids = labelNames.map((name) => name.slice(0, -LABEL_EXTENSION.length)).sort(compareBytes);
  const candidates = ids.map((id) => ({
    id,
    imagePaths: IMAGE_EXTENSIONS.map((extension) => join5(imagesDir, `${id}${extension}`)),
    labelPath: join5(labelsDir, `${id}${LABEL_EXTENSION}`)
  }));
  return { source: { kind: "folders", imagesDir, labelsDir }, candidates };
}
function compareBytes(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
async function requireFolder(path, folderKind) {
  const isFolder3 = await stat3(path).then(
    (stats) => stats.isDirectory(),
    () => false
  );
  if (!isFolder3) {
    throw new InputError(`${folderKind} folder not found: ${path}.`);
  }
}
async function listFileNames(dir) {
  await requireFolder(dir, "Labels");
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  } catch (error) {
    throw new InputError(`Failed to list the labels folder ${dir}: ${errorMessage(error)}.`);
  }
}
function ignoredFilesWarning(labelsDir, ignored) {
  const named = [...ignored].sort(compareBytes).slice(0, MAX_NAMED_IGNORED).join(", ");
  const more = ignored.length > MAX_NAMED_IGNORED ? ", ..." : "";
  return `Ignored ${ignored.length} file(s) in ${labelsDir} without the ${LABEL_EXTENSION} extension: ${named}${more}.`;
}
var IMAGE_EXTENSIONS, LABEL_EXTENSION, MAX_NAMED_IGNORED;
var init_folders_layout = __esm({
  "src/dataset/folders-layout.ts"() {
    "use strict";
    init_errors();
    IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png"];
    LABEL_EXTENSION = ".png";
    MAX_NAMED_IGNORED = 5;
  }
});

// src/dataset/missing.ts
import { stat as stat4 } from "node:fs/promises";
async function locateSamples(candidates) {
  const located = await Promise.all(candidates.map(locateSample));
  const samples = [];
  const missing = [];
  for (const entry of located) {
    if ("imagePath" in entry) {
      samples.push(entry);
    } else {
      missing.push(entry);
    }
  }
  return { samples, missing };
}
function missingFilesError(missing, listedCount) {
  const allMissing = missing.length === listedCount;
  const lines = [
    allMissing ? `None of the ${listedCount} listed ids has both an image and a label file:` : `${missing.length} of ${listedCount} listed ids have a missing image or label file:`,
    ...missing.slice(0, MAX_DETAILED_IDS).map(describeMissing)
  ];
  if (missing.length > MAX_DETAILED_IDS) {
    lines.push(`  ...`, namedIds(missing));
  }
  lines.push(
    allMissing ? "Check the dataset folders and that the ids match the file names." : "Pass --skip-missing to evaluate the ids that are present."
  );
  return new InputError(lines.join("\n"));
}
function skippedIdsWarning(missing, listedCount) {
  return `Skipped ${missing.length} of ${listedCount} ids because their image or label file is missing (--skip-missing). ${namedIds(missing)}`;
}
async function locateSample(candidate) {
  const [imagePath, labelFound] = await Promise.all([
    firstExistingFile(candidate.imagePaths),
    isFile(candidate.labelPath)
  ]);
  if (imagePath !== null && labelFound) {
    return { id: candidate.id, imagePath, labelPath: candidate.labelPath };
  }
  return {
    id: candidate.id,
    imagePaths: imagePath === null ? candidate.imagePaths : null,
    labelPath: labelFound ? null : candidate.labelPath
  };
}
async function firstExistingFile(paths) {
  for (const path of paths) {
    if (await isFile(path)) {
      return path;
    }
  }
  return null;
}
async function isFile(path) {
  try {
    return (await stat4(path)).isFile();
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : void 0;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return false;
    }
    throw new InputError(`Failed to check ${path}: ${errorMessage(error)}.`);
  }
}
function describeMissing(entry) {
  const parts = [];
  if (entry.imagePaths !== null) {
    parts.push(`image not found at ${describePaths(entry.imagePaths)}`);
  }
  if (entry.labelPath !== null) {
    parts.push(`label not found at ${entry.labelPath}`);
  }
  return `  ${entry.id}: ${parts.join("; ")}`;
}
function describePaths(paths) {
  const [first, ...others] = paths;
  if (others.length === 0) {
    return String(first);
  }
  const extensions = others.map((path) => path.slice(path.lastIndexOf(".")));
  const last = extensions.pop();
  return [first, ...extensions].join(", ") + ` or ${last}`;
}
function namedIds(missing) {
  const ids = missing.slice(0, MAX_NAMED_IDS).map((entry) => entry.id);
  const label3 = missing.length > MAX_NAMED_IDS ? `Missing ids (first ${MAX_NAMED_IDS} of ${missing.length})` : "Missing ids";
  return `${label3}: ${ids.join(", ")}.`;
}
var MAX_NAMED_IDS, MAX_DETAILED_IDS;
var init_missing = __esm({
  "src/dataset/missing.ts"() {
    "use strict";
    init_errors();
    MAX_NAMED_IDS = 20;
    MAX_DETAILED_IDS = 5;
  }
});

// src/dataset/ids.ts
import { readFile as readFile7 } from "node:fs/promises";
async function readIdList(path, fileKind) {
  let text;
  try {
    text = await readFile7(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "unknown error";
    const reason = code === "ENOENT" ? "not found" : `unreadable (${code})`;
    throw new InputError(
      `The ${fileKind} ${path} is ${reason}; expected a text file with one id per line.`
    );
  }
  return parseIdList(text, `${fileKind} ${path}`);
}
function parseIdList(text, source) {
  const ids = [];
  const linesById = /* @__PURE__ */ new Map();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) {
      return;
    }
    const id = trimmed.split(/\s+/)[0] ?? trimmed;
    if (id.includes("/") || id.includes("\\")) {
      throw new InputError(
        `The ${source} lists "${id}" on line ${index + 1}, which contains a path separator; ids are file names without extension, for example 2007_000033.`
      );
    }
    ids.push(id);
    linesById.set(id, [...linesById.get(id) ?? [], index + 1]);
  });
  if (ids.length === 0) {
    throw new InputError(
      `The ${source} lists no ids (only blank lines or # comments); expected one image id per line, for example 2007_000033.`
    );
  }
  rejectDuplicates(linesById, source);
  return ids;
}
function rejectDuplicates(linesById, source) {
  const duplicates = [...linesById.entries()].filter(([, lines]) => lines.length > 1);
  if (duplicates.length === 0) {
    return;
  }
  const named = duplicates.slice(0, MAX_NAMED_DUPLICATES).map(([id, lines]) => `${id} (lines ${lines.join(", ")})`).join(", ");
  const more = duplicates.length > MAX_NAMED_DUPLICATES ? `, and ${duplicates.length - MAX_NAMED_DUPLICATES} more` : "";
  throw new InputError(
    `The ${source} lists ${duplicates.length} id(s) more than once: ${named}${more}. Each id must appear once; remove the repeated lines.`
  );
}
var MAX_NAMED_DUPLICATES;
var init_ids2 = __esm({
  "src/dataset/ids.ts"() {
    "use strict";
    init_errors();
    MAX_NAMED_DUPLICATES = 20;
  }
});

// src/dataset/voc-layout.ts
import { readdir as readdir2, stat as stat5 } from "node:fs/promises";
import { join as join6 } from "node:path";
async function listVocDataset(root, split, idsFile) {
  await requireVocFolders(root);
  const usedSplit = split ?? DEFAULT_SPLIT;
  const ids = idsFile !== null ? await readIdList(idsFile, "ids file") : await readSplitIds(root, usedSplit);
  const candidates = ids.map((id) => ({
    id,
    imagePaths: [join6(root, IMAGES_FOLDER, `${id}.jpg`)],
    labelPath: join6(root, LABELS_FOLDER, `${id}.png`)
  }));
  const source = {
    kind: "voc",
    root,
    split: idsFile === null ? usedSplit : null,
    idsFile
  };
  return { source, candidates };
}
async function requireVocFolders(root) {
  if (!await isFolder(root)) {
    throw new InputError(
      `VOC root not found: ${root}. Expected a folder with ${IMAGES_FOLDER}/, ${LABELS_FOLDER}/ and ${SPLITS_FOLDER}/, such as VOCdevkit/VOC2012.`
    );
  }
  const missing = [];
  for (const folder of [IMAGES_FOLDER, LABELS_FOLDER]) {
    if (!await isFolder(join6(root, folder))) {
      missing.push(`${folder}/`);
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      `The VOC root ${root} has no ${missing.join(" and ")} folder. Expected ${IMAGES_FOLDER}/ with <id>.jpg images and ${LABELS_FOLDER}/ with <id>.png labels.`
    );
  }
}
async function readSplitIds(root, split) {
  const splitsDir = join6(root, SPLITS_FOLDER);
  const path = join6(splitsDir, `${split}.txt`);
  if (!await isFile2(path)) {
    throw new InputError(`Split file not found: ${path}. ${await describeSplits(splitsDir)}`);
  }
  return readIdList(path, "split file");
}
async function describeSplits(splitsDir) {
  let names;
  try {
    names = await readdir2(splitsDir);
  } catch {
    return `The folder ${splitsDir} does not exist; give an ids file instead of a split.`;
  }
  const splits = names.filter((name) => name.endsWith(".txt")).map((name) => name.slice(0, -".txt".length)).sort();
  if (splits.length === 0) {
    return `${splitsDir} has no .txt split files; give an ids file instead of a split.`;
  }
  return `Splits in ${splitsDir}: ${splits.join(", ")}.`;
}
async function isFolder(path) {
  return stat5(path).then(
    (stats) => stats.isDirectory(),
    () => false
  );
}
async function isFile2(path) {
  return stat5(path).then(
    (stats) => stats.isFile(),
    () => false
  );
}
var IMAGES_FOLDER, LABELS_FOLDER, SPLITS_FOLDER;
var init_voc_layout = __esm({
  "src/dataset/voc-layout.ts"() {
    "use strict";
    init_settings();
    init_errors();
    init_ids2();
    IMAGES_FOLDER = "JPEGImages";
    LABELS_FOLDER = "SegmentationClass";
    SPLITS_FOLDER = join6("ImageSets", "Segmentation");
  }
});

// src/dataset/resolve.ts
async function resolveDataset(data, options) {
  if (options.limit !== null && !(Number.isInteger(options.limit) && options.limit >= 1)) {
    throw invalidOption("--limit", "a whole number of at least 1", options.limit);
  }
  const listing = await listDataset(data, options.onWarning);
  const candidates = options.limit === null ? listing.candidates : listing.candidates.slice(0, options.limit);
  const listedCount = candidates.length;
  const { samples, missing } = await locateSamples(candidates);
  if (missing.length > 0 && (!options.skipMissing || samples.length === 0)) {
    throw missingFilesError(missing, listedCount);
  }
  if (missing.length > 0) {
    options.onWarning?.(skippedIdsWarning(missing, listedCount));
  }
  return {
    source: listing.source,
    samples,
    listedCount,
    skippedIds: missing.map((entry) => entry.id)
  };
}
async function listDataset(data, onWarning) {
  switch (data.kind) {
    case "voc":
      return listVocDataset(data.root, data.split, data.idsFile);
    case "folders":
      return listFolderDataset(data.imagesDir, data.labelsDir, onWarning);
    default:
      throw new Error(`Unknown dataset kind in ${JSON.stringify(data)}`);
  }
}
var init_resolve = __esm({
  "src/dataset/resolve.ts"() {
    "use strict";
    init_errors();
    init_folders_layout();
    init_missing();
    init_voc_layout();
  }
});

// src/decode/pixel-limit.ts
function checkPixelLimit(path, width, height, maxPixels) {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new InputError(
      `${path} declares ${width}x${height} = ${pixels} pixels, more than --max-pixels ${maxPixels}; raise --max-pixels if the file is genuine.`
    );
  }
}
var init_pixel_limit = __esm({
  "src/decode/pixel-limit.ts"() {
    "use strict";
    init_errors();
  }
});

// src/decode/sharp-error.ts
function sharpErrorReason(error) {
  const lines = errorMessage(error).split("\n").map((line) => line.trim()).filter((line) => line !== "");
  return [...new Set(lines)].join("; ");
}
var init_sharp_error = __esm({
  "src/decode/sharp-error.ts"() {
    "use strict";
    init_errors();
  }
});

// src/decode/header.ts
import { stat as stat6 } from "node:fs/promises";
import sharp2 from "sharp";
async function readImageHeader(path, maxPixels) {
  let metadata;
  try {
    metadata = await sharp2(path).metadata();
  } catch (error) {
    throw await headerFailure(path, error);
  }
  const { width, height, format } = metadata;
  if (width === void 0 || height === void 0 || width === 0 || height === 0) {
    throw new InputError(
      `${path} has no image size in its header. The file is truncated or corrupt; re-export it.`
    );
  }
  checkPixelLimit(path, width, height, maxPixels);
  return { width, height, format: String(format) };
}
async function headerFailure(path, error) {
  const exists = await stat6(path).then(
    () => true,
    () => false
  );
  if (!exists) {
    return new InputError(`Image file not found: ${path}.`);
  }
  return new InputError(
    `Failed to read the image header of ${path}: ${sharpErrorReason(error)}. Expected an image such as JPEG or PNG; the file may be truncated or corrupt.`
  );
}
var init_header = __esm({
  "src/decode/header.ts"() {
    "use strict";
    init_errors();
    init_pixel_limit();
    init_sharp_error();
  }
});

// src/decode/png-ihdr.ts
import { hasPngSignature } from "fast-png";
function isPng(bytes) {
  return hasPngSignature(bytes);
}
function parsePngHeader(bytes, path) {
  if (bytes.length < HEADER_BYTES) {
    throw invalidHeader(path, `the file ends after ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkLength = view.getUint32(8);
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunkType !== "IHDR" || chunkLength !== 13) {
    throw invalidHeader(path, "the first chunk is not a 13-byte IHDR chunk");
  }
  const header = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: view.getUint8(24),
    colourType: view.getUint8(25),
    interlaced: view.getUint8(28) === 1
  };
  validateHeader(header, view.getUint8(28), path);
  return header;
}
function validateHeader(header, interlaceMethod, path) {
  if (header.width === 0 || header.height === 0) {
    throw invalidHeader(path, `the size is ${header.width}x${header.height}`);
  }
  const allowed = ALLOWED_BIT_DEPTHS.get(header.colourType);
  if (allowed === void 0) {
    throw invalidHeader(path, `colour type ${header.colourType} does not exist`);
  }
  if (!allowed.includes(header.bitDepth)) {
    throw invalidHeader(
      path,
      `colour type ${header.colourType} allows bit depths ${allowed.join(", ")}, not ${header.bitDepth}`
    );
  }
  if (interlaceMethod > 1) {
    throw invalidHeader(path, `interlace method ${interlaceMethod} does not exist`);
  }
}
function invalidHeader(path, reason) {
  return new InputError(
    `Invalid PNG header in ${path}: ${reason}. The file is truncated or corrupt; re-export it.`
  );
}
var ALLOWED_BIT_DEPTHS, HEADER_BYTES;
var init_png_ihdr = __esm({
  "src/decode/png-ihdr.ts"() {
    "use strict";
    init_errors();
    ALLOWED_BIT_DEPTHS = /* @__PURE__ */ new Map([
      [0, [1, 2, 4, 8, 16]],
      [2, [8, 16]],
      [3, [1, 2, 4, 8]],
      [4, [8, 16]],
      [6, [8, 16]]
    ]);
    HEADER_BYTES = 29;
  }
});

// src/decode/mask.ts
import { readFile as readFile8 } from "node:fs/promises";
import { decode } from "fast-png";
async function decodeMask(bytes, path, maxPixels) {
  if (!isPng(bytes)) {
    throw notPngError(bytes, path);
  }
  const header = parsePngHeader(bytes, path);
  checkPixelLimit(path, header.width, header.height, maxPixels);
  const encoding = encodingOf(header);
  if (!storesClassIds(header)) {
    return {
      kind: "not-class-ids",
      width: header.width,
      height: header.height,
      encoding,
      bitDepth: header.bitDepth
    };
  }
  const mask = decodeClassIds(bytes, header, path);
  return { kind: "mask", mask, encoding: encoding === "palette" ? "palette" : "grey" };
}
async function readMask(path, maxPixels) {
  let bytes;
  try {
    bytes = await readFile8(path);
  } catch (error) {
    throw readFailure(path, error);
  }
  const result = await decodeMask(bytes, path, maxPixels);
  return { result, bytes };
}
function encodingOf(header) {
  const encoding = ENCODING_BY_COLOUR_TYPE.get(header.colourType);
  if (encoding === void 0) {
    throw new Error(`Unexpected PNG colour type ${header.colourType}`);
  }
  return encoding;
}
function storesClassIds(header) {
  const singleChannel = header.colourType === 0 || header.colourType === 3;
  return singleChannel && header.bitDepth <= 8;
}
function decodeClassIds(bytes, header, path) {
  const { width, height, bitDepth } = header;
  if (header.interlaced && bitDepth < 8) {
    throw new InputError(
      `${path} is an interlaced (Adam7) PNG with bit depth ${bitDepth}, which seg-gate cannot decode; re-save it without interlacing or at bit depth 8.`
    );
  }
  let samples;
  try {
    samples = toUint8(decode(bytes, { checkCrc: true }).data);
  } catch (error) {
    throw new InputError(
      `Failed to decode the pixel data of ${path}: ${errorMessage(error)}. The file is truncated or corrupt; re-export it.`
    );
  }
  const expectedBytes = Math.ceil(width * bitDepth / 8) * height;
  if (samples.length !== expectedBytes) {
    throw new InputError(
      `Failed to decode the pixel data of ${path}: got ${samples.length} bytes for ${width}x${height} pixels at bit depth ${bitDepth}, expected ${expectedBytes}. The file is truncated or corrupt; re-export it.`
    );
  }
  const data = bitDepth === 8 ? samples : unpackSamples(samples, width, height, bitDepth);
  return { width, height, data };
}
function toUint8(data) {
  if (data instanceof Uint8Array) {
    return data;
  }
  if (data instanceof Uint8ClampedArray) {
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  }
  throw new Error("Unexpected 16-bit samples for a mask of at most 8 bits");
}
function unpackSamples(packed, width, height, bitDepth) {
  const bytesPerRow = Math.ceil(width * bitDepth / 8);
  const sampleMask = (1 << bitDepth) - 1;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * bytesPerRow;
    for (let x = 0; x < width; x++) {
      const bit = x * bitDepth;
      const byte = packed[rowStart + (bit >> 3)] ?? 0;
      const shift = 8 - bitDepth - (bit & 7);
      out[y * width + x] = byte >> shift & sampleMask;
    }
  }
  return out;
}
function notPngError(bytes, path) {
  const format = sniffFormat(bytes);
  const found = format === null ? "is not a PNG file" : `is a ${format} file, not a PNG`;
  return new InputError(
    `${path} ${found}: class-id masks must be PNG files that store one class id per pixel as palette indices or 8-bit grey values. Export the mask as an indexed or greyscale PNG (JPEG compression changes the ids at object borders).`
  );
}
function sniffFormat(bytes) {
  const startsWith = (...prefix) => prefix.every((value, index) => bytes[index] === value);
  const ascii = (start, end) => String.fromCharCode(...bytes.subarray(start, end));
  if (startsWith(255, 216, 255)) {
    return "JPEG";
  }
  if (ascii(0, 4) === "GIF8") {
    return "GIF";
  }
  if (ascii(0, 2) === "BM") {
    return "BMP";
  }
  if (startsWith(73, 73, 42, 0) || startsWith(77, 77, 0, 42)) {
    return "TIFF";
  }
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") {
    return "WebP";
  }
  return null;
}
function readFailure(path, error) {
  if (errnoCode(error) === "ENOENT") {
    return new InputError(`Mask file not found: ${path}.`);
  }
  return new InputError(`Failed to read mask file ${path}: ${errorMessage(error)}.`);
}
function errnoCode(error) {
  return error instanceof Error && "code" in error ? String(error.code) : void 0;
}
var ENCODING_BY_COLOUR_TYPE;
var init_mask = __esm({
  "src/decode/mask.ts"() {
    "use strict";
    init_errors();
    init_pixel_limit();
    init_png_ihdr();
    ENCODING_BY_COLOUR_TYPE = /* @__PURE__ */ new Map([
      [0, "grey"],
      [2, "rgb"],
      [3, "palette"],
      [4, "grey-alpha"],
      [6, "rgba"]
    ]);
  }
});

// src/decode/png-write.ts
import { writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname6 } from "node:path";
import { encode } from "fast-png";
function encodeClassIdPng(mask, palette = vocPalette()) {
  if (mask.data.length !== mask.width * mask.height) {
    throw new RangeError(
      `Mask data has ${mask.data.length} entries, expected ${mask.width}x${mask.height} = ${mask.width * mask.height}`
    );
  }
  if (palette.length % 3 !== 0 || palette.length > 256 * 3) {
    throw new RangeError(
      `Palette has ${palette.length} bytes, expected a multiple of 3 up to 768 (256 RGB entries)`
    );
  }
  return encode({
    width: mask.width,
    height: mask.height,
    data: mask.data,
    depth: 8,
    channels: 1,
    palette: paletteEntries(palette)
  });
}
async function writeClassIdPng(path, mask, palette) {
  const bytes = encodeClassIdPng(mask, palette);
  try {
    await ensureDir(dirname6(path));
    await writeFile2(path, bytes);
  } catch (error) {
    throw new InputError(`Failed to write ${path}: ${errorMessage(error)}.`);
  }
}
function paletteEntries(palette) {
  const entries = [];
  for (let index = 0; index < 256; index++) {
    const offset = index * 3;
    entries.push([palette[offset] ?? 0, palette[offset + 1] ?? 0, palette[offset + 2] ?? 0]);
  }
  return entries;
}
var init_png_write = __esm({
  "src/decode/png-write.ts"() {
    "use strict";
    init_ensure_dir();
    init_errors();
    init_palette();
  }
});

// src/metrics/accumulate.ts
function countImage(label3, prediction, numClasses, ignoreIndex) {
  if (label3.width !== prediction.width || label3.height !== prediction.height) {
    throw new RangeError(
      `prediction ${prediction.width}x${prediction.height} vs label ${label3.width}x${label3.height}`
    );
  }
  const matrix = new ConfusionMatrix(numClasses);
  const cells = matrix.counts;
  const labels = label3.data;
  const predictions = prediction.data;
  let ignoredPixels = 0;
  for (let i = 0; i < labels.length; i++) {
    const trueClass = labels[i];
    if (trueClass === ignoreIndex) {
      ignoredPixels += 1;
      continue;
    }
    const cell = trueClass * numClasses + predictions[i];
    cells[cell] = cells[cell] + 1;
  }
  return { matrix, ignoredPixels };
}
var init_accumulate = __esm({
  "src/metrics/accumulate.ts"() {
    "use strict";
    init_confusion();
  }
});

// src/segmenters/findings.ts
function layoutFinding(subject, reason) {
  return {
    source: "model",
    kind: "layout",
    subject,
    detail: `${reason}; pass --layout nhwc or --layout nchw`
  };
}
function channelsFinding(subject, shape, channels, numClasses) {
  return {
    source: "model",
    kind: "channels",
    subject,
    detail: `output ${shape} has ${channels} channel${channels === 1 ? "" : "s"} but --num-classes is ${numClasses}: ${channelsCause(channels, numClasses)}`
  };
}
function outputFinding(subject, detail, values) {
  return values ? { source: "model", kind: "output", subject, detail, values } : {
    source: "model",
    kind: "output",
    subject,
    detail
  };
}
function channelsCause(channels, numClasses) {
  if (channels === 1) {
    return "a single channel is read as the probability of class 1 only with --num-classes 2";
  }
  if (channels === numClasses - 1) {
    return "a head trained without background, or the wrong --num-classes";
  }
  if (channels > numClasses) {
    return "a head trained on more classes (another dataset), or the wrong --num-classes";
  }
  return "a head trained for another class count, or the wrong --num-classes";
}
var init_findings = __esm({
  "src/segmenters/findings.ts"() {
    "use strict";
  }
});

// src/segmenters/layout.ts
function decideInputLayout(shape, option) {
  if (option !== "auto") {
    return { kind: "decided", layout: option, source: "option" };
  }
  if (shape.length !== 4) {
    return {
      kind: "ambiguous",
      reason: `input shape ${formatShape(shape)} has rank ${shape.length}, not 4`
    };
  }
  const channelsLast = isChannelCount(shape[3]);
  const channelsFirst = isChannelCount(shape[1]);
  if (channelsLast && !channelsFirst) {
    return { kind: "decided", layout: "nhwc", source: "auto" };
  }
  if (channelsFirst && !channelsLast) {
    return { kind: "decided", layout: "nchw", source: "auto" };
  }
  const evidence = channelsLast ? "both dimension 1 and dimension 3 are channel counts" : "neither dimension 1 nor dimension 3 is a channel count";
  return { kind: "ambiguous", reason: `input shape ${formatShape(shape)}: ${evidence} (1 or 3)` };
}
function decideClassAxis(dims, layout, numClasses) {
  const preferred = layout === "nhwc" ? 3 : 1;
  const other = preferred === 3 ? 1 : 3;
  const preferredSize = dims[preferred];
  if (preferredSize !== numClasses && preferredSize !== 1 && dims[other] === numClasses) {
    return other;
  }
  return preferred;
}
function layoutOfAxis(axis) {
  return axis === 3 ? "nhwc" : "nchw";
}
function formatShape(shape) {
  return `[${shape.join(",")}]`;
}
function isChannelCount(dim) {
  return dim === 3 || dim === 1;
}
var init_layout = __esm({
  "src/segmenters/layout.ts"() {
    "use strict";
  }
});

// src/segmenters/onnx-input.ts
function checkImageInput(input, layout, modelPath) {
  const shape = formatShape(input.shape);
  const where2 = `Model ${modelPath} input "${input.name}" ${shape}`;
  if (input.type !== "float32") {
    throw new InputError(`${where2} has element type ${input.type}: expected float32.`);
  }
  if (input.shape.length !== 4) {
    throw new InputError(
      `${where2} has rank ${input.shape.length}: expected a rank-4 image tensor.`
    );
  }
  const batch = input.shape[0];
  if (typeof batch === "number" && batch !== 1) {
    throw new InputError(`${where2} has a fixed batch of ${batch}: expected batch 1 or symbolic.`);
  }
  const channels = input.shape[layout === "nhwc" ? 3 : 1];
  if (typeof channels === "number" && channels !== 3) {
    throw new InputError(
      `${where2} read as ${layout.toUpperCase()} has ${channels} channel${channels === 1 ? "" : "s"}: seg-gate feeds 3-channel RGB images. Check --layout, or export the model with an RGB input.`
    );
  }
}
function resolveInputSize(shape, layout, option, modelPath) {
  const height = shape[layout === "nhwc" ? 1 : 2];
  const width = shape[layout === "nhwc" ? 2 : 3];
  const fixed = typeof width === "number" && typeof height === "number";
  if (option === null) {
    if (!fixed) {
      throw new UsageError(
        `Model ${modelPath} declares input ${formatShape(shape)} with a symbolic height or width; pass --input-size WxH (for example the crop size the model was trained with).`
      );
    }
    return { width, height };
  }
  const widthFits = typeof width !== "number" || width === option.width;
  const heightFits = typeof height !== "number" || height === option.height;
  if (!widthFits || !heightFits) {
    throw new UsageError(
      `--input-size ${option.width}x${option.height} vs model input ${formatShape(shape)} (${width}x${height}) of ${modelPath}: the model has a fixed size, so omit --input-size or pass its size.`
    );
  }
  return option;
}
function inputDims(layout, size) {
  return layout === "nhwc" ? [1, size.height, size.width, 3] : [1, 3, size.height, size.width];
}
var init_onnx_input = __esm({
  "src/segmenters/onnx-input.ts"() {
    "use strict";
    init_errors();
    init_layout();
  }
});

// src/segmenters/score-view.ts
function scoreStrides(view) {
  if (view.layout === "nhwc") {
    return { channel: 1, row: view.width * view.channels, column: view.channels };
  }
  return { channel: view.height * view.width, row: view.width, column: 1 };
}
function pickClass(scores, channels) {
  if (channels === 1) {
    return scores[0] > BINARY_THRESHOLD ? 1 : 0;
  }
  let best = 0;
  let bestScore = scores[0];
  for (let c = 1; c < channels; c += 1) {
    const score = scores[c];
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
var BINARY_THRESHOLD;
var init_score_view = __esm({
  "src/segmenters/score-view.ts"() {
    "use strict";
    BINARY_THRESHOLD = 0.5;
  }
});

// src/segmenters/onnx-info.ts
function describeDecoding(plan2, type, form, resize, upsample) {
  const shape = formatShape(plan2.dims);
  const crop = resize === "pad" ? ["crop"] : [];
  if (plan2.form === "class-ids") {
    return [`${type} class ids ${shape}`, ...crop, "nearest to label size"].join(" -> ");
  }
  const values = form === "sigmoid" ? "logits" : form;
  const head = [`${plan2.layout.toUpperCase()} ${type} ${values} ${shape}`];
  if (form === "sigmoid") {
    head.push("sigmoid");
  }
  const pick = plan2.form === "binary" ? `threshold ${BINARY_THRESHOLD}` : "argmax";
  const steps = upsample === "logits" ? [...head, ...crop, "bilinear to label size", pick] : [...head, pick, ...crop, "nearest to label size"];
  return steps.join(" -> ");
}
var init_onnx_info = __esm({
  "src/segmenters/onnx-info.ts"() {
    "use strict";
    init_layout();
    init_score_view();
  }
});

// src/segmenters/onnx-session.ts
import ort from "onnxruntime-node";
async function createOnnxSession(modelPath, settings) {
  const options = {
    executionProviders: [settings.device],
    logSeverityLevel: LOG_ERRORS_ONLY,
    ...settings.threads === null ? {} : { intraOpNumThreads: settings.threads }
  };
  try {
    return await ort.InferenceSession.create(modelPath, options);
  } catch (error) {
    const message = errorMessage(error);
    if (settings.device === "cuda" && /cuda|provider/i.test(message)) {
      throw new UsageError(
        `--device cuda failed: ONNX Runtime could not load its CUDA execution provider (${firstLine(message)}). Install ONNX Runtime's CUDA provider for CUDA 12 with \`ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci\` (the onnxruntime-node install script must be allowed to run), or run with --device cpu.`
      );
    }
    throw new InputError(
      `Failed to load ONNX model ${modelPath}: ${firstLine(message)}. Expected an ONNX model file that ONNX Runtime 1.31 can load; re-export it or check the path.`
    );
  }
}
function declaredTensors(session, which, modelPath) {
  const metadata = which === "input" ? session.inputMetadata : session.outputMetadata;
  return metadata.map((value) => {
    if (!value.isTensor) {
      throw new InputError(
        `Model ${modelPath} has the non-tensor ${which} "${value.name}": expected tensors only.`
      );
    }
    return { name: value.name, type: value.type, shape: [...value.shape] };
  });
}
function firstLine(message) {
  return (message.split("\n")[0] ?? message).trim().replace(/\.+$/, "");
}
async function runModel(session, modelPath, tensors, data, dims) {
  let results;
  try {
    results = await session.run({ [tensors.input]: new ort.Tensor("float32", data, dims) }, [
      tensors.output
    ]);
  } catch (error) {
    throw new InputError(
      `ONNX Runtime failed to run model ${modelPath} on input "${tensors.input}" ${formatShape(dims)}: ${firstLine(errorMessage(error))}.`
    );
  }
  const tensor2 = results[tensors.output];
  if (tensor2 === void 0 || !ArrayBuffer.isView(tensor2.data)) {
    throw new InputError(
      `Model ${modelPath} output "${tensors.output}" is not a numeric tensor (type ${tensor2?.type ?? "missing"}): expected scores or class ids.`
    );
  }
  return { type: tensor2.type, dims: [...tensor2.dims], data: tensor2.data };
}
var LOG_ERRORS_ONLY;
var init_onnx_session = __esm({
  "src/segmenters/onnx-session.ts"() {
    "use strict";
    init_errors();
    init_layout();
    LOG_ERRORS_ONLY = 3;
  }
});

// src/segmenters/output-form.ts
function planOutput(subject, type, dims, layout, numClasses) {
  const shape = formatShape(dims);
  const isFloat = FLOAT_TYPES.has(type);
  if (!isFloat && !INTEGER_TYPES.has(type)) {
    return rejectOutput(
      subject,
      `output ${shape} has element type ${type}: expected float32 or float64 scores, or integer class ids`
    );
  }
  if ((dims.length === 3 || dims.length === 4) && dims[0] !== 1) {
    return rejectOutput(subject, `output ${shape} has batch ${dims[0]}: expected batch 1`);
  }
  if (dims.length === 3) {
    return planRank3(subject, type, dims, isFloat);
  }
  if (dims.length === 4) {
    return planRank4(subject, dims, layout, numClasses, isFloat);
  }
  return rejectOutput(
    subject,
    `output ${shape} has rank ${dims.length}: expected [1,H,W,C], [1,C,H,W] or [1,H,W] class ids`
  );
}
function planRank3(subject, type, dims, isFloat) {
  if (isFloat) {
    return rejectOutput(
      subject,
      `output ${formatShape(dims)} of type ${type} has no channel axis: a rank-3 output must hold integer class ids`
    );
  }
  const [, height, width] = dims;
  return plan({ form: "class-ids", dims, layout: "nhwc", channels: 1, height, width });
}
function planRank4(subject, dims, layout, numClasses, isFloat) {
  const axis = decideClassAxis(dims, layout, numClasses);
  const channels = dims[axis];
  const height = dims[axis === 3 ? 1 : 2];
  const width = dims[axis === 3 ? 2 : 3];
  const base = { dims, layout: layoutOfAxis(axis), channels, height, width };
  if (channels === 1 && !isFloat) {
    return plan({ ...base, form: "class-ids" });
  }
  if (channels === 1 && numClasses === 2) {
    return plan({ ...base, form: "binary" });
  }
  if (channels === numClasses) {
    return plan({ ...base, form: "scores" });
  }
  return {
    kind: "finding",
    finding: channelsFinding(subject, formatShape(dims), channels, numClasses)
  };
}
function plan(value) {
  return { kind: "plan", plan: value };
}
function rejectOutput(subject, detail) {
  return { kind: "finding", finding: outputFinding(subject, detail) };
}
var FLOAT_TYPES, INTEGER_TYPES;
var init_output_form = __esm({
  "src/segmenters/output-form.ts"() {
    "use strict";
    init_findings();
    init_layout();
    FLOAT_TYPES = /* @__PURE__ */ new Set(["float32", "float64"]);
    INTEGER_TYPES = /* @__PURE__ */ new Set([
      "int8",
      "uint8",
      "int16",
      "uint16",
      "int32",
      "uint32",
      "int64",
      "uint64"
    ]);
  }
});

// src/segmenters/output-values.ts
function scanValues(data) {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return { nonFinite: 0, maxAbs: maxAbsBigInt(data) };
  }
  let nonFinite = 0;
  let maxAbs = 0;
  for (let i = 0; i < data.length; i += 1) {
    const value = data[i];
    if (!Number.isFinite(value)) {
      nonFinite += 1;
    } else if (Math.abs(value) > maxAbs) {
      maxAbs = Math.abs(value);
    }
  }
  return { nonFinite, maxAbs };
}
function toFloatScores(data) {
  if (data instanceof Float32Array || data instanceof Float64Array) {
    return data;
  }
  const scores = new Float32Array(data.length);
  for (let i = 0; i < data.length; i += 1) {
    scores[i] = Number(data[i]);
  }
  return scores;
}
function sigmoid(data) {
  return Float32Array.from(data, (x) => 1 / (1 + Math.exp(-x)));
}
function readClassIds(data, numClasses) {
  const ids = new Uint8Array(data.length);
  const outOfRange = /* @__PURE__ */ new Map();
  for (let i = 0; i < data.length; i += 1) {
    const value = Number(data[i]);
    if (Number.isInteger(value) && value >= 0 && value < numClasses) {
      ids[i] = value;
    } else {
      outOfRange.set(value, (outOfRange.get(value) ?? 0) + 1);
    }
  }
  if (outOfRange.size > 0) {
    return { kind: "out-of-range", values: outOfRange };
  }
  return { kind: "ids", ids };
}
function maxAbsBigInt(data) {
  let maxAbs = 0;
  for (const value of data) {
    const magnitude = Math.abs(Number(value));
    if (magnitude > maxAbs) {
      maxAbs = magnitude;
    }
  }
  return maxAbs;
}
var init_output_values = __esm({
  "src/segmenters/output-values.ts"() {
    "use strict";
  }
});

// src/segmenters/score-kind.ts
function detectScoreKind(view) {
  if (!isWithinUnitInterval(view.data)) {
    return "logits";
  }
  if (view.channels === 1) {
    return "probabilities";
  }
  return channelSumsAreOne(view) ? "probabilities" : "logits";
}
function isWithinUnitInterval(data) {
  for (let i = 0; i < data.length; i += 1) {
    const value = data[i];
    if (!(value >= 0 && value <= 1)) {
      return false;
    }
  }
  return true;
}
function channelSumsAreOne(view) {
  const strides = scoreStrides(view);
  for (let y = 0; y < view.height; y += 1) {
    for (let x = 0; x < view.width; x += 1) {
      const base = y * strides.row + x * strides.column;
      let sum3 = 0;
      for (let c = 0; c < view.channels; c += 1) {
        sum3 += view.data[base + c * strides.channel];
      }
      if (Math.abs(sum3 - 1) > PROBABILITY_SUM_TOLERANCE) {
        return false;
      }
    }
  }
  return true;
}
var PROBABILITY_SUM_TOLERANCE;
var init_score_kind = __esm({
  "src/segmenters/score-kind.ts"() {
    "use strict";
    init_score_view();
    PROBABILITY_SUM_TOLERANCE = 1e-3;
  }
});

// src/segmenters/preprocess.ts
import sharp3 from "sharp";
async function preprocessImage(path, spec) {
  const header = await readImageHeader(path, spec.maxPixels);
  const imageSize = { width: header.width, height: header.height };
  const valid = spec.resize === "pad" ? fitInside(imageSize, spec.inputSize) : spec.inputSize;
  const pixels = await decodeResized(path, valid, spec.maxPixels);
  const data = new Float32Array(spec.inputSize.width * spec.inputSize.height * 3);
  writeTensor(pixels, valid, spec, data);
  return { data, imageSize, valid };
}
function fitInside(image2, input) {
  const scale = Math.min(input.width / image2.width, input.height / image2.height);
  return {
    width: clamp(Math.round(image2.width * scale), 1, input.width),
    height: clamp(Math.round(image2.height * scale), 1, input.height)
  };
}
async function decodeResized(path, size, maxPixels) {
  let decoded;
  try {
    decoded = await sharp3(path, { limitInputPixels: maxPixels }).removeAlpha().toColourspace("srgb").resize(size.width, size.height, { fit: "fill", kernel: "linear", fastShrinkOnLoad: false }).raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new InputError(
      `Failed to decode image ${path}: ${errorMessage(error)}. The file is truncated or corrupt; re-export it.`
    );
  }
  const { data, info } = decoded;
  if (info.channels !== 3 || info.width !== size.width || info.height !== size.height) {
    throw new Error(
      `Expected ${size.width}x${size.height}x3 from sharp for ${path}, got ${info.width}x${info.height}x${info.channels}`
    );
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
function writeTensor(pixels, valid, spec, out) {
  const { scale, offset } = colourAffine(spec.normalize);
  const inputWidth = spec.inputSize.width;
  const plane = inputWidth * spec.inputSize.height;
  for (let colour = 0; colour < 3; colour += 1) {
    const channel = spec.channelOrder === "rgb" ? colour : 2 - colour;
    const colourScale = scale[colour];
    const colourOffset = offset[colour];
    for (let y = 0; y < valid.height; y += 1) {
      for (let x = 0; x < valid.width; x += 1) {
        const value = pixels[(y * valid.width + x) * 3 + colour] * colourScale;
        const position = y * inputWidth + x;
        const index = spec.layout === "nhwc" ? position * 3 + channel : channel * plane + position;
        out[index] = value + colourOffset;
      }
    }
  }
}
function clamp(value, min, max4) {
  return Math.min(Math.max(value, min), max4);
}
var init_preprocess = __esm({
  "src/segmenters/preprocess.ts"() {
    "use strict";
    init_header();
    init_errors();
    init_normalize();
  }
});

// src/segmenters/argmax.ts
function argmaxScores(view) {
  const strides = scoreStrides(view);
  const out = new Uint8Array(view.width * view.height);
  const scores = new Float64Array(view.channels);
  for (let y = 0; y < view.height; y += 1) {
    for (let x = 0; x < view.width; x += 1) {
      const base = y * strides.row + x * strides.column;
      for (let c = 0; c < view.channels; c += 1) {
        scores[c] = view.data[base + c * strides.channel];
      }
      out[y * view.width + x] = pickClass(scores, view.channels);
    }
  }
  return out;
}
var init_argmax = __esm({
  "src/segmenters/argmax.ts"() {
    "use strict";
    init_score_view();
  }
});

// src/segmenters/bilinear.ts
function bilinearTaps(size, extent, sourceSize) {
  const lower = new Int32Array(size);
  const upper = new Int32Array(size);
  const weight = new Float64Array(size);
  const scale = extent / size;
  const last = Math.max(Math.min(Math.ceil(extent), sourceSize) - 1, 0);
  for (let i = 0; i < size; i += 1) {
    const position = Math.max((i + 0.5) * scale - 0.5, 0);
    const low = Math.min(Math.floor(position), last);
    const high = Math.min(low + 1, last);
    lower[i] = low;
    upper[i] = high;
    weight[i] = high === low ? 0 : position - low;
  }
  return { lower, upper, weight };
}
function resizeBilinearArgmax(view, extent, size) {
  const out = new Uint8Array(size.width * size.height);
  forEachResizedPixel(view, extent, size, (x, y, scores) => {
    out[y * size.width + x] = pickClass(scores, view.channels);
  });
  return out;
}
function forEachResizedPixel(view, extent, size, visit) {
  const channels = view.channels;
  const strides = scoreStrides(view);
  const columns = bilinearTaps(size.width, extent.width, view.width);
  const rows = bilinearTaps(size.height, extent.height, view.height);
  const usedColumns = Math.min(Math.ceil(extent.width), view.width);
  const blendedRow = new Float64Array(usedColumns * channels);
  const scores = new Float64Array(channels);
  for (let y = 0; y < size.height; y += 1) {
    blendRows(view, strides, rows, y, usedColumns, blendedRow);
    for (let x = 0; x < size.width; x += 1) {
      const left = columns.lower[x] * channels;
      const right = columns.upper[x] * channels;
      const weight = columns.weight[x];
      for (let c = 0; c < channels; c += 1) {
        const a = blendedRow[left + c];
        const b = blendedRow[right + c];
        scores[c] = (1 - weight) * a + weight * b;
      }
      visit(x, y, scores);
    }
  }
}
function blendRows(view, strides, rows, y, columns, out) {
  const top = rows.lower[y] * strides.row;
  const bottom = rows.upper[y] * strides.row;
  const weight = rows.weight[y];
  for (let x = 0; x < columns; x += 1) {
    const column = x * strides.column;
    for (let c = 0; c < view.channels; c += 1) {
      const offset = c * strides.channel + column;
      const a = view.data[top + offset];
      const b = view.data[bottom + offset];
      out[x * view.channels + c] = (1 - weight) * a + weight * b;
    }
  }
}
var init_bilinear = __esm({
  "src/segmenters/bilinear.ts"() {
    "use strict";
    init_score_view();
  }
});

// src/segmenters/nearest.ts
function nearestIndices(size, extent, sourceSize) {
  const indices = new Int32Array(size);
  const scale = extent / size;
  const last = Math.max(Math.min(Math.ceil(extent), sourceSize) - 1, 0);
  for (let i = 0; i < size; i += 1) {
    indices[i] = Math.min(Math.floor((i + 0.5) * scale), last);
  }
  return indices;
}
function resizeNearest(ids, sourceSize, extent, size) {
  const columns = nearestIndices(size.width, extent.width, sourceSize.width);
  const rows = nearestIndices(size.height, extent.height, sourceSize.height);
  const out = new Uint8Array(size.width * size.height);
  for (let y = 0; y < size.height; y += 1) {
    const sourceRow = rows[y] * sourceSize.width;
    for (let x = 0; x < size.width; x += 1) {
      out[y * size.width + x] = ids[sourceRow + columns[x]];
    }
  }
  return out;
}
var init_nearest = __esm({
  "src/segmenters/nearest.ts"() {
    "use strict";
  }
});

// src/segmenters/output.ts
function decodeOutput(raw, plan2, request) {
  const scan = scanValues(raw.data);
  const stats = { nonFinite: scan.nonFinite, maxAbs: scan.maxAbs };
  if (!sameDims(raw.dims, plan2.dims)) {
    const detail = `output shape ${formatShape(raw.dims)} differs from ${formatShape(plan2.dims)}, the shape the decoding was planned for`;
    return unscored(stats, outputFinding(request.subject, detail));
  }
  if (scan.nonFinite > 0) {
    const detail = `${scan.nonFinite} of ${raw.data.length} output values are NaN or infinite`;
    return unscored(stats, outputFinding(request.subject, detail));
  }
  const decoded = decodeClassIds2(raw, plan2, request);
  if (decoded.kind === "finding") {
    return unscored(stats, decoded.finding);
  }
  const mask = { ...request.labelSize, data: decoded.ids };
  const predictedHistogram = histogram(decoded.ids, request.numClasses);
  return { mask, findings: [], stats: { ...stats, predictedHistogram } };
}
function outputExtent(plan2, inputSize, valid) {
  return {
    width: valid.width * plan2.width / inputSize.width,
    height: valid.height * plan2.height / inputSize.height
  };
}
function decodeClassIds2(raw, plan2, request) {
  const extent = outputExtent(plan2, request.inputSize, request.valid);
  const modelSize = { width: plan2.width, height: plan2.height };
  if (plan2.form === "class-ids") {
    const read = readClassIds(raw.data, request.numClasses);
    if (read.kind === "out-of-range") {
      const detail = `class ids outside 0..${request.numClasses - 1} in the model output`;
      return { kind: "finding", finding: outputFinding(request.subject, detail, read.values) };
    }
    return { kind: "ids", ids: resizeNearest(read.ids, modelSize, extent, request.labelSize) };
  }
  const view = scoreView(raw, plan2, request.alwaysSigmoid);
  if (request.upsample === "logits") {
    return { kind: "ids", ids: resizeBilinearArgmax(view, extent, request.labelSize) };
  }
  const ids = argmaxScores(view);
  return { kind: "ids", ids: resizeNearest(ids, modelSize, extent, request.labelSize) };
}
function scoreView(raw, plan2, alwaysSigmoid) {
  let data = toFloatScores(raw.data);
  if (plan2.form === "binary" && (alwaysSigmoid || !isWithinUnitInterval(data))) {
    data = sigmoid(data);
  }
  return {
    data,
    channels: plan2.channels,
    height: plan2.height,
    width: plan2.width,
    layout: plan2.layout
  };
}
function histogram(ids, numClasses) {
  const counts = new Array(numClasses).fill(0);
  for (const id of ids) {
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}
function unscored(stats, finding2) {
  return { mask: null, findings: [finding2], stats };
}
function sameDims(a, b) {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
var init_output = __esm({
  "src/segmenters/output.ts"() {
    "use strict";
    init_argmax();
    init_bilinear();
    init_findings();
    init_layout();
    init_nearest();
    init_output_values();
    init_score_kind();
  }
});

// src/segmenters/threshold.ts
function validateThreshold(threshold) {
  if (!(threshold > 0 && threshold < 1)) {
    throw invalidOption("--threshold", "a probability between 0 and 1, exclusive", threshold);
  }
}
function decodeWithThreshold(raw, plan2, request, threshold) {
  if (plan2.form !== "binary" || threshold === BINARY_THRESHOLD) {
    return decodeOutput(raw, plan2, request);
  }
  const scan = scanValues(raw.data);
  if (scan.nonFinite > 0) {
    return decodeOutput(raw, plan2, request);
  }
  const scores = toFloatScores(raw.data);
  const probabilities = request.alwaysSigmoid || !isWithinUnitInterval(scores) ? sigmoid(scores) : scores;
  const mapped = mapThresholdToHalf(probabilities, threshold);
  const decoded = decodeOutput({ ...raw, type: "float64", data: mapped }, plan2, {
    ...request,
    alwaysSigmoid: false
  });
  return {
    ...decoded,
    stats: { ...decoded.stats, nonFinite: scan.nonFinite, maxAbs: scan.maxAbs }
  };
}
function mapThresholdToHalf(probabilities, threshold) {
  if (threshold >= BINARY_THRESHOLD) {
    const scale2 = BINARY_THRESHOLD / threshold;
    return Float64Array.from(probabilities, (p) => p * scale2);
  }
  const scale = (1 - BINARY_THRESHOLD) / (1 - threshold);
  return Float64Array.from(probabilities, (p) => 1 - (1 - p) * scale);
}
var init_threshold = __esm({
  "src/segmenters/threshold.ts"() {
    "use strict";
    init_errors();
    init_output();
    init_output_values();
    init_score_kind();
    init_score_view();
  }
});

// src/segmenters/segment-image.ts
async function segmentImageWith(run, image2, infer) {
  const started = performance.now();
  const preprocessed = await preprocessImage(image2.imagePath, run.spec);
  const preprocessedAt = performance.now();
  const raw = await infer(preprocessed.data);
  const inferredAt = performance.now();
  const request = {
    subject: image2.id,
    numClasses: run.numClasses,
    upsample: run.upsample,
    labelSize: { width: image2.labelWidth, height: image2.labelHeight },
    inputSize: run.spec.inputSize,
    valid: preprocessed.valid,
    alwaysSigmoid: run.form === "sigmoid"
  };
  const decoded = decodeWithThreshold(raw, run.plan, request, run.threshold);
  return {
    ...decoded,
    inferenceMs: inferredAt - preprocessedAt,
    preprocessMs: preprocessedAt - started
  };
}
async function batchCheckInputs(spec, images) {
  const inputs = [];
  for (const image2 of images.slice(0, 2)) {
    inputs.push((await preprocessImage(image2.imagePath, spec)).data);
  }
  return inputs;
}
function outputFormName(plan2, probe) {
  if (plan2.form === "class-ids") {
    return "class-ids";
  }
  const data = toFloatScores(probe.data);
  if (plan2.form === "binary") {
    return isWithinUnitInterval(data) ? "probabilities" : "sigmoid";
  }
  const view = { data, channels: plan2.channels, height: plan2.height, width: plan2.width };
  return detectScoreKind({ ...view, layout: plan2.layout });
}
var init_segment_image = __esm({
  "src/segmenters/segment-image.ts"() {
    "use strict";
    init_output_values();
    init_score_kind();
    init_preprocess();
    init_threshold();
  }
});

// src/segmenters/unscorable.ts
function unscorableSegmenter(info, findings, release) {
  const output = { mask: null, findings: [], inferenceMs: 0, preprocessMs: 0 };
  return {
    info,
    openFindings: findings,
    segment: () => Promise.resolve(output),
    dispose: release
  };
}
var init_unscorable = __esm({
  "src/segmenters/unscorable.ts"() {
    "use strict";
  }
});

// src/segmenters/batch-consistency.ts
async function checkBatchConsistency(runner, inputs) {
  const [first, second] = inputs;
  if (runner.batchDim === 1) {
    return record(
      "skip",
      `Model ${runner.subject} has a fixed batch size of 1, so an image cannot be run inside a larger batch to compare.`
    );
  }
  if (first === void 0 || second === void 0) {
    return record("skip", `The check needs two images and ${inputs.length} were available.`);
  }
  const [reference, batched] = comparedBatches(runner.batchDim, first, second);
  let outputs;
  try {
    outputs = [await firstItem(runner, reference), await firstItem(runner, batched)];
  } catch (error) {
    return record(
      "warn",
      `Model ${runner.subject} failed on a batch of ${batched.length} images: ${errorMessage(error)}. Batch consistency was not checked.`
    );
  }
  return compareOutputs(runner.subject, outputs[0], outputs[1], batched.length);
}
function comparedBatches(batchDim, first, second) {
  if (batchDim === null) {
    return [[first], [first, second]];
  }
  const others = Array.from({ length: batchDim - 1 }, () => second);
  const copies = Array.from({ length: batchDim - 1 }, () => first);
  return [
    [first, ...copies],
    [first, ...others]
  ];
}
async function firstItem(runner, batch) {
  const outputs = await runner.run(batch);
  if (outputs.length !== batch.length) {
    throw new Error(`the run returned ${outputs.length} outputs for ${batch.length} inputs`);
  }
  return outputs[0];
}
function compareOutputs(subject, alone, inBatch, batchSize) {
  if (alone.length !== inBatch.length) {
    return record(
      "fail",
      `Model ${subject} returned ${alone.length} output values for an image alone but ${inBatch.length} for the same image in a batch of ${batchSize}.`
    );
  }
  const difference = largestDifference(alone, inBatch);
  if (difference.exceeding === 0) {
    return record(
      "pass",
      `The same image gave the same output alone and in a batch of ${batchSize} (largest difference ${formatNumber(difference.value)}, tolerance ${BATCH_TOLERANCE}).`
    );
  }
  return record(
    "fail",
    `The same image gave different outputs alone and in a batch of ${batchSize} with model ${subject}: ${difference.exceeding} of ${alone.length} values differ by more than ${BATCH_TOLERANCE}, up to ${formatNumber(difference.value)} (value ${difference.index}: ${formatNumber(difference.alone)} alone vs ${formatNumber(difference.inBatch)} in the batch). Layers such as batch normalisation or dropout are likely running in training mode; export the model in inference mode (model.eval() in PyTorch, training=False in Keras).`
  );
}
function largestDifference(alone, inBatch) {
  let exceeding = 0;
  let largest = { value: 0, index: 0, alone: alone[0] ?? 0, inBatch: inBatch[0] ?? 0 };
  for (let i = 0; i < alone.length; i += 1) {
    const a = alone[i];
    const b = inBatch[i];
    const gap = Object.is(a, b) ? 0 : Math.abs(a - b);
    const value = Number.isNaN(gap) ? Infinity : gap;
    const scale = Number.isFinite(a) ? Math.max(1, Math.abs(a)) : 1;
    if (value > BATCH_TOLERANCE * scale) {
      exceeding += 1;
    }
    if (value > largest.value) {
      largest = { value, index: i, alone: a, inBatch: b };
    }
  }
  return { ...largest, exceeding };
}
function formatNumber(value) {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}
function record(status, message) {
  return { id: BATCH_CONSISTENCY_CHECK_ID, status, message };
}
var BATCH_CONSISTENCY_CHECK_ID, BATCH_TOLERANCE;
var init_batch_consistency = __esm({
  "src/segmenters/batch-consistency.ts"() {
    "use strict";
    init_errors();
    BATCH_CONSISTENCY_CHECK_ID = "contract.model.batch-consistency";
    BATCH_TOLERANCE = 1e-4;
  }
});

// src/segmenters/onnx.ts
async function openOnnxSegmenter(settings) {
  const normalize = settings.input.normalize;
  if (normalize === null) {
    throw missingNormalizeError(settings.modelPath);
  }
  validateThreshold(settings.threshold);
  const session = await createOnnxSession(settings.modelPath, settings.input);
  try {
    return await buildSegmenter(session, settings, normalize);
  } catch (error) {
    await session.release();
    throw error;
  }
}
async function buildSegmenter(session, settings, normalize) {
  const { modelPath, input: options } = settings;
  const release = () => session.release();
  const input = singleInput(session, modelPath);
  const output = firstOutput(session, modelPath);
  const details = baseDetails(input, output, settings);
  const decision = decideInputLayout(input.shape, options.layout);
  if (decision.kind === "ambiguous") {
    const info = onnxInfo(modelPath, details, `not decodable: ${decision.reason}`);
    return unscorableSegmenter(info, [layoutFinding(modelPath, decision.reason)], release);
  }
  const layout = decision.layout;
  checkImageInput(input, layout, modelPath);
  const inputSize = resolveInputSize(input.shape, layout, options.inputSize, modelPath);
  const dims = inputDims(layout, inputSize);
  Object.assign(details, {
    layout: layout.toUpperCase(),
    layoutSource: decision.source === "option" ? "--layout" : "auto",
    inputSize: `${inputSize.width}x${inputSize.height}`
  });
  const tensors = { input: input.name, output: output.name };
  const probe = await runModel(session, modelPath, tensors, new Float32Array(product(dims)), dims);
  const planned = planOutput(modelPath, probe.type, probe.dims, layout, settings.numClasses);
  details.outputDims = probe.dims;
  if (planned.kind === "finding") {
    const info = onnxInfo(modelPath, details, `not decodable: ${planned.finding.detail}`);
    return unscorableSegmenter(info, [planned.finding], release);
  }
  const plan2 = planned.plan;
  const form = outputFormName(plan2, probe);
  Object.assign(details, { outputLayout: plan2.layout.toUpperCase(), outputForm: form });
  const decoding = describeDecoding(plan2, probe.type, form, options.resize, options.upsample);
  const spec = {
    inputSize,
    layout,
    normalize,
    channelOrder: options.channelOrder,
    resize: options.resize,
    maxPixels: settings.maxPixels
  };
  const run = { session, modelPath, tensors, dims, spec, plan: plan2, form, settings };
  const batchDim = input.shape[0];
  return {
    info: onnxInfo(modelPath, details, decoding),
    openFindings: [],
    segment: (image2) => segmentImage(run, image2),
    checkBatchConsistency: (images) => checkImages(run, typeof batchDim === "number" ? batchDim : null, images),
    dispose: release
  };
}
function segmentImage(run, image2) {
  return segmentImageWith(
    imageRunSpec(run),
    image2,
    (data) => runModel(run.session, run.modelPath, run.tensors, data, run.dims)
  );
}
function imageRunSpec(run) {
  return {
    spec: run.spec,
    plan: run.plan,
    form: run.form,
    numClasses: run.settings.numClasses,
    upsample: run.settings.input.upsample,
    threshold: run.settings.threshold
  };
}
async function checkImages(run, batchDim, images) {
  const inputs = await batchCheckInputs(run.spec, images);
  return checkBatchConsistency(onnxBatchRunner(run, batchDim), inputs);
}
function onnxBatchRunner(run, batchDim) {
  return {
    subject: run.modelPath,
    batchDim,
    run: async (batch) => {
      const itemLength = product(run.dims);
      const data = new Float32Array(itemLength * batch.length);
      batch.forEach((item, index) => data.set(item, index * itemLength));
      const dims = [batch.length, ...run.dims.slice(1)];
      const raw = await runModel(run.session, run.modelPath, run.tensors, data, dims);
      const outputLength = raw.data.length / batch.length;
      return batch.map(
        (_, index) => Array.prototype.slice.call(raw.data, index * outputLength, (index + 1) * outputLength)
      );
    }
  };
}
function singleInput(session, modelPath) {
  const inputs = declaredTensors(session, "input", modelPath);
  const [input] = inputs;
  if (input === void 0 || inputs.length > 1) {
    const names = inputs.map((tensor2) => `"${tensor2.name}" ${formatShape(tensor2.shape)}`);
    throw new InputError(
      `Model ${modelPath} has ${inputs.length} inputs (${names.join(", ") || "none"}): seg-gate feeds one image tensor, so the model must have exactly one input.`
    );
  }
  return input;
}
function firstOutput(session, modelPath) {
  const [output] = declaredTensors(session, "output", modelPath);
  if (output === void 0) {
    throw new InputError(`Model ${modelPath} declares no outputs.`);
  }
  return output;
}
function baseDetails(input, output, settings) {
  return {
    inputName: input.name,
    inputShape: formatShape(input.shape),
    inputType: input.type,
    outputName: output.name,
    outputShape: formatShape(output.shape),
    outputType: output.type,
    provider: settings.input.device,
    threads: settings.input.threads,
    normalize: settings.input.normalize,
    channelOrder: settings.input.channelOrder,
    resize: settings.input.resize,
    upsample: settings.input.upsample
  };
}
function onnxInfo(path, details, decoding) {
  return { kind: "onnx", path, details, decoding };
}
function product(dims) {
  return dims.reduce((total, dim) => total * dim, 1);
}
var init_onnx = __esm({
  "src/segmenters/onnx.ts"() {
    "use strict";
    init_errors();
    init_findings();
    init_layout();
    init_normalize();
    init_onnx_input();
    init_onnx_info();
    init_onnx_session();
    init_output_form();
    init_segment_image();
    init_unscorable();
    init_batch_consistency();
    init_threshold();
  }
});

// src/segmenters/predictions.ts
import { stat as stat7 } from "node:fs/promises";
import { join as join7 } from "node:path";
import { performance as performance2 } from "node:perf_hooks";
async function openPredictionSegmenter(dir, options) {
  await requireFolder2(dir);
  return {
    info: {
      kind: "predictions",
      path: dir,
      details: { fileNames: "<id>.png", numClasses: options.numClasses },
      decoding: "class-id PNG files"
    },
    openFindings: [],
    segment: (input) => segmentFromFile(dir, input, options),
    dispose: async () => {
    }
  };
}
async function missingPredictionIds(dir, ids) {
  const present = await Promise.all(ids.map((id) => isFile3(predictionPath(dir, id))));
  return ids.filter((_, index) => !present[index]);
}
function predictionPath(dir, id) {
  return join7(dir, `${id}.png`);
}
async function segmentFromFile(dir, input, options) {
  const started = performance2.now();
  const path = predictionPath(dir, input.id);
  if (!await isFile3(path)) {
    throw new InputError(
      `Prediction file not found for ${input.id}: ${path}. Add the file, or pass --skip-missing to evaluate the ids that have predictions.`
    );
  }
  const { result } = await readMask(path, options.maxPixels);
  const findings = checkPrediction(result, input, options);
  const mask = result.kind === "mask" && findings.length === 0 ? result.mask : null;
  return { mask, findings, inferenceMs: 0, preprocessMs: performance2.now() - started };
}
function checkPrediction(result, input, options) {
  if (result.kind === "not-class-ids") {
    return [finding(input.id, "encoding", `${result.encoding}, ${result.bitDepth}-bit`)];
  }
  const { mask } = result;
  if (mask.width !== input.labelWidth || mask.height !== input.labelHeight) {
    const detail = `${mask.width}x${mask.height} vs label ${input.labelWidth}x${input.labelHeight}`;
    return [finding(input.id, "size", detail)];
  }
  const invalid = countInvalidIds(mask, options.numClasses);
  if (invalid.size > 0) {
    const detail = describeInvalidIds(invalid, options);
    return [{ ...finding(input.id, "ids", detail), values: invalid }];
  }
  return [];
}
function countInvalidIds(mask, numClasses) {
  const histogram2 = new Float64Array(256);
  for (const value of mask.data) {
    histogram2[value] = (histogram2[value] ?? 0) + 1;
  }
  const invalid = /* @__PURE__ */ new Map();
  for (let value = numClasses; value < 256; value++) {
    const count = histogram2[value] ?? 0;
    if (count > 0) {
      invalid.set(value, count);
    }
  }
  return invalid;
}
function describeInvalidIds(invalid, options) {
  const entries = [...invalid.entries()];
  const listed = entries.slice(0, MAX_LISTED_VALUES).map(([value]) => String(value)).join(", ");
  const more = entries.length > MAX_LISTED_VALUES ? ` and ${entries.length - MAX_LISTED_VALUES} more` : "";
  let detail = `${listed}${more}`;
  if (invalid.has(options.ignoreIndex)) {
    detail += `; ${options.ignoreIndex} is the ignore index, not a prediction`;
  }
  return detail;
}
function finding(subject, kind, detail) {
  return { source: "predictions", kind, subject, detail };
}
async function requireFolder2(dir) {
  const isFolder3 = await stat7(dir).then(
    (stats) => stats.isDirectory(),
    () => false
  );
  if (!isFolder3) {
    throw new InputError(
      `Predictions folder not found: ${dir}. Expected a folder with one class-id PNG per image, named <id>.png.`
    );
  }
}
async function isFile3(path) {
  return stat7(path).then(
    (stats) => stats.isFile(),
    () => false
  );
}
var MAX_LISTED_VALUES;
var init_predictions = __esm({
  "src/segmenters/predictions.ts"() {
    "use strict";
    init_mask();
    init_errors();
    MAX_LISTED_VALUES = 8;
  }
});

// src/pipeline/logger.ts
var logger_exports = {};
__export(logger_exports, {
  createStreamLogger: () => createStreamLogger,
  silentLogger: () => silentLogger
});
function createStreamLogger(stream, verbose = false) {
  return {
    info: (message) => stream.write(`${message}
`),
    warn: (message) => stream.write(`warning: ${message}
`),
    debug: (message) => {
      if (verbose) {
        stream.write(`debug: ${message}
`);
      }
    }
  };
}
var silentLogger;
var init_logger = __esm({
  "src/pipeline/logger.ts"() {
    "use strict";
    silentLogger = { info: () => {
    }, warn: () => {
    }, debug: () => {
    } };
  }
});

// src/segmenters/tfjs/registry.ts
import * as tf5 from "@tensorflow/tfjs-core";
function removeRegisteredBackend(name) {
  if (tf5.findBackendFactory(name) != null) {
    tf5.removeBackend(name);
  }
}
function isModuleNotFound(error, specifier) {
  if (typeof error !== "object" || error === null || !("code" in error)) {
    return false;
  }
  if (error.code !== "ERR_MODULE_NOT_FOUND" && error.code !== "MODULE_NOT_FOUND") {
    return false;
  }
  if (specifier === void 0) {
    return true;
  }
  return "message" in error && String(error.message).includes(`'${specifier}'`);
}
var init_registry = __esm({
  "src/segmenters/tfjs/registry.ts"() {
    "use strict";
  }
});

// src/segmenters/tfjs/node-util-shims.ts
import { createRequire } from "node:module";
function installLegacyUtilPredicates() {
  const require2 = createRequire(import.meta.url);
  const util = require2("node:util");
  const added = [];
  for (const [name, predicate] of Object.entries(LEGACY_PREDICATES)) {
    if (typeof util[name] !== "function") {
      util[name] = predicate;
      added.push(name);
    }
  }
  return added;
}
var LEGACY_PREDICATES;
var init_node_util_shims = __esm({
  "src/segmenters/tfjs/node-util-shims.ts"() {
    "use strict";
    LEGACY_PREDICATES = {
      isArray: (value) => Array.isArray(value),
      isBoolean: (value) => typeof value === "boolean",
      isBuffer: (value) => Buffer.isBuffer(value),
      isDate: (value) => value instanceof Date,
      isError: (value) => value instanceof Error,
      isFunction: (value) => typeof value === "function",
      isNull: (value) => value === null,
      isNullOrUndefined: (value) => value === null || value === void 0,
      isNumber: (value) => typeof value === "number",
      isObject: (value) => value !== null && typeof value === "object",
      isPrimitive: (value) => value === null || typeof value !== "object" && typeof value !== "function",
      isRegExp: (value) => value instanceof RegExp,
      isString: (value) => typeof value === "string",
      isSymbol: (value) => typeof value === "symbol",
      isUndefined: (value) => value === void 0
    };
  }
});

// src/segmenters/tfjs/tfjs-node.ts
async function importTfjsNode(importModule) {
  installLegacyUtilPredicates();
  const reasons = [];
  let installed = false;
  for (const packageName of TFJS_NODE_PACKAGES) {
    try {
      const namespace = await importModule(packageName);
      return toTfjsNodeModule(packageName, namespace);
    } catch (error) {
      removeRegisteredBackend("tensorflow");
      installed ||= !isModuleNotFound(error, packageName);
      reasons.push(`${packageName}: ${errorMessage(error)}`);
    }
  }
  if (!installed) {
    throw new ModuleNotFoundError(
      `neither ${TFJS_NODE_PACKAGES.join(" nor ")} is installed; ${TFJS_NODE_INSTALL_HINT}`
    );
  }
  throw new Error(`the native TensorFlow backend failed to load (${reasons.join("; ")})`);
}
function toTfjsNodeModule(packageName, namespace) {
  const node = findProperty(namespace, "node");
  const loadSavedModel2 = findProperty(node, "loadSavedModel");
  if (typeof loadSavedModel2 !== "function") {
    throw new Error(`${packageName} loaded but has no node.loadSavedModel function`);
  }
  return {
    packageName,
    loadSavedModel: (path, tags, signature) => loadSavedModel2.call(node, path, tags, signature)
  };
}
function findProperty(value, key) {
  if (typeof value !== "object" || value === null) {
    return void 0;
  }
  const record3 = value;
  if (key in record3) {
    return record3[key];
  }
  const fallback = record3["default"];
  if (typeof fallback === "object" && fallback !== null) {
    return fallback[key];
  }
  return void 0;
}
var TFJS_NODE_PACKAGES, TFJS_NODE_INSTALL_HINT, ModuleNotFoundError;
var init_tfjs_node = __esm({
  "src/segmenters/tfjs/tfjs-node.ts"() {
    "use strict";
    init_errors();
    init_registry();
    init_node_util_shims();
    TFJS_NODE_PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"];
    TFJS_NODE_INSTALL_HINT = "install it with `npm install @tensorflow/tfjs-node` (or `@tensorflow/tfjs-node-gpu` for CUDA); their install step downloads libtensorflow";
    ModuleNotFoundError = class extends Error {
      name = "ModuleNotFoundError";
      code = "ERR_MODULE_NOT_FOUND";
    };
  }
});

// src/segmenters/tfjs/backend-candidates.ts
import * as tf6 from "@tensorflow/tfjs-core";
import { existsSync } from "node:fs";
import { createRequire as createRequire2 } from "node:module";
import { dirname as dirname7, join as join8, sep } from "node:path";
function defaultBackendCandidates(options = {}) {
  const importModule = options.importModule ?? ((specifier) => import(specifier));
  return [
    tensorflowCandidate(importModule),
    wasmCandidate(options.wasmDir),
    { name: "cpu", prepare: prepareCpu }
  ];
}
function tensorflowCandidate(importModule) {
  return {
    name: "tensorflow",
    prepare: async () => {
      const tfjsNode = await importTfjsNode(importModule);
      return { source: tfjsNode.packageName, tfjsNode };
    }
  };
}
function wasmCandidate(wasmDir) {
  return {
    name: "wasm",
    prepare: async () => {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      requireRegistered("wasm");
      const folder = wasmDir ?? defaultWasmDir();
      const missing = WASM_BINARIES.filter((name) => !existsSync(join8(folder, name)));
      if (missing.length > 0) {
        throw new Error(`${missing.join(" and ")} not found in ${folder}`);
      }
      wasm.setWasmPaths(folder.endsWith(sep) ? folder : folder + sep);
      return {
        source: `@tensorflow/tfjs-backend-wasm ${wasm.version_wasm}, binaries in ${folder}`
      };
    }
  };
}
async function prepareCpu() {
  const cpu = await import("@tensorflow/tfjs-backend-cpu");
  requireRegistered("cpu");
  return { source: `@tensorflow/tfjs-backend-cpu ${cpu.version_cpu}` };
}
function defaultWasmDir() {
  const require2 = createRequire2(import.meta.url);
  return dirname7(require2.resolve("@tensorflow/tfjs-backend-wasm"));
}
function requireRegistered(name) {
  if (tf6.findBackendFactory(name) == null) {
    throw new Error(
      `the ${name} backend is no longer registered with TensorFlow.js: it failed earlier in this process and was removed`
    );
  }
}
var WASM_BINARIES;
var init_backend_candidates = __esm({
  "src/segmenters/tfjs/backend-candidates.ts"() {
    "use strict";
    init_tfjs_node();
    WASM_BINARIES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"];
  }
});

// src/segmenters/tfjs/backend.ts
import * as tf7 from "@tensorflow/tfjs-core";
async function selectBackend(options) {
  const all2 = options.candidates ?? defaultBackendCandidates();
  const candidates = options.requested ? all2.filter((candidate) => candidate.name === options.requested) : all2;
  if (candidates.length === 0) {
    throw new UsageError(`No TensorFlow.js backend candidate is named ${options.requested}.`);
  }
  const skipped = [];
  for (const candidate of candidates) {
    const outcome = await tryCandidate(candidate, options.logger);
    if (outcome.kind === "ready") {
      const selection = { ...outcome.selection, skipped };
      logSelection(selection, options.logger);
      return selection;
    }
    skipped.push({ name: candidate.name, reason: outcome.reason });
  }
  throw noBackendError(skipped, options.requested);
}
async function tryCandidate(candidate, logger) {
  let prepared;
  try {
    prepared = await candidate.prepare();
  } catch (error) {
    removeRegisteredBackend(candidate.name);
    const reason = errorMessage(error);
    if (isModuleNotFound(error)) {
      logger.debug(`TensorFlow.js backend ${candidate.name} is not available: ${reason}`);
    } else {
      logger.warn(`TensorFlow.js backend ${candidate.name} failed to load: ${reason}`);
    }
    return { kind: "failed", reason };
  }
  const failure = await initialiseBackend(candidate.name);
  if (failure !== null) {
    removeRegisteredBackend(candidate.name);
    logger.warn(`TensorFlow.js backend ${candidate.name} failed to initialise: ${failure}`);
    return { kind: "failed", reason: failure };
  }
  return {
    kind: "ready",
    selection: {
      name: candidate.name,
      source: prepared.source,
      tfjsNode: prepared.tfjsNode ?? null
    }
  };
}
async function initialiseBackend(name) {
  const { result, warnings } = await captureConsoleWarnings(async () => {
    if (tf7.findBackendFactory(name) == null) {
      return `no backend named ${name} is registered with TensorFlow.js`;
    }
    if (!await tf7.setBackend(name)) {
      return `tf.setBackend('${name}') returned false`;
    }
    return checkMatrixProduct();
  });
  if (result === null) {
    return null;
  }
  return warnings.length > 0 ? `${result}: ${warnings.join(" ")}` : result;
}
async function checkMatrixProduct() {
  try {
    const product3 = tf7.tidy(
      () => tf7.matMul(
        tf7.tensor2d([
          [1, 2],
          [3, 4]
        ]),
        tf7.tensor2d([[5], [6]])
      )
    );
    const values = Array.from(await product3.data());
    product3.dispose();
    if (values[0] !== 17 || values[1] !== 39) {
      return `a test matrix product gave [${values.join(", ")}] instead of [17, 39]`;
    }
    return null;
  } catch (error) {
    return `a test matrix product failed: ${errorMessage(error)}`;
  }
}
async function captureConsoleWarnings(run) {
  const warnings = [];
  const original = console.warn;
  console.warn = (...parts) => {
    warnings.push(parts.map((part) => firstLine2(String(part))).join(" "));
  };
  try {
    return { result: await run(), warnings };
  } finally {
    console.warn = original;
  }
}
function firstLine2(text) {
  const end = text.indexOf("\n");
  return end === -1 ? text : text.slice(0, end);
}
function logSelection(selection, logger) {
  logger.info(`TensorFlow.js backend: ${selection.name} (${selection.source})`);
}
function noBackendError(skipped, requested) {
  const reasons = skipped.map((attempt) => `${attempt.name}: ${attempt.reason}`).join("; ");
  if (requested) {
    const others = TFJS_BACKENDS.filter((name) => name !== requested).join(" or ");
    return new UsageError(
      `TensorFlow.js backend ${requested} (--backend ${requested}) is not available: ${reasons}. Fix the cause above, or pass --backend ${others}, or omit --backend to use the first backend that works.`
    );
  }
  return new UsageError(
    `No TensorFlow.js backend could be initialised (${reasons}). Reinstall the project dependencies so that @tensorflow/tfjs-backend-cpu is present.`
  );
}
var TFJS_BACKENDS;
var init_backend = __esm({
  "src/segmenters/tfjs/backend.ts"() {
    "use strict";
    init_errors();
    init_backend_candidates();
    init_registry();
    TFJS_BACKENDS = ["tensorflow", "wasm", "cpu"];
  }
});

// src/segmenters/tfjs/custom-layers.ts
import * as tf8 from "@tensorflow/tfjs-core";
import * as tfl2 from "@tensorflow/tfjs-layers";
function registerCustomLayers() {
  if (registered) {
    return;
  }
  tf8.serialization.registerClass(BilinearUpsampling);
  tf8.serialization.registerClass(BilinearUpSampling2D);
  registered = true;
}
function readPair(value, field) {
  if (value === null) {
    return null;
  }
  const pair = typeof value === "number" ? [value, value] : value;
  const valid = pair.length === 2 && pair.every((length) => Number.isInteger(length) && length > 0);
  if (!valid) {
    throw new Error(
      `${field} must be two positive integers [height, width], got ${JSON.stringify(value)}`
    );
  }
  return [pair[0], pair[1]];
}
function firstShape(inputShape) {
  const first = inputShape[0];
  return Array.isArray(first) ? first : inputShape;
}
var BilinearUpsampling, BilinearUpSampling2D, CUSTOM_LAYER_CLASSES, registered;
var init_custom_layers = __esm({
  "src/segmenters/tfjs/custom-layers.ts"() {
    "use strict";
    BilinearUpsampling = class extends tfl2.layers.Layer {
      static className = "BilinearUpsampling";
      outputSize;
      factors;
      channelsFirst;
      alignCorners;
      halfPixelCenters;
      constructor(config, defaultAlignCorners = true) {
        super({ name: config.name, trainable: config.trainable });
        this.outputSize = readPair(config.outputSize ?? config.targetSize ?? null, "output_size");
        this.factors = readPair(config.upsampling ?? config.size ?? null, "upsampling") ?? [1, 1];
        this.channelsFirst = config.dataFormat === "channelsFirst";
        this.alignCorners = config.alignCorners ?? defaultAlignCorners;
        this.halfPixelCenters = config.halfPixelCenters ?? false;
      }
      computeOutputShape(inputShape) {
        const shape = firstShape(inputShape);
        const [heightAxis, widthAxis] = this.spatialAxes();
        const out = [...shape];
        out[heightAxis] = this.resizedLength(shape[heightAxis] ?? null, 0);
        out[widthAxis] = this.resizedLength(shape[widthAxis] ?? null, 1);
        return out;
      }
      call(inputs) {
        return tf8.tidy(() => {
          const input = Array.isArray(inputs) ? inputs[0] : inputs;
          const channelsLast = this.channelsFirst ? tf8.transpose(input, [0, 2, 3, 1]) : input;
          const height = this.resizedLength(channelsLast.shape[1], 0);
          const width = this.resizedLength(channelsLast.shape[2], 1);
          const resized = tf8.image.resizeBilinear(
            channelsLast,
            [height, width],
            this.alignCorners,
            this.halfPixelCenters
          );
          return this.channelsFirst ? tf8.transpose(resized, [0, 3, 1, 2]) : resized;
        });
      }
      getConfig() {
        return {
          ...super.getConfig(),
          outputSize: this.outputSize,
          upsampling: this.factors,
          dataFormat: this.channelsFirst ? "channelsFirst" : "channelsLast",
          alignCorners: this.alignCorners,
          halfPixelCenters: this.halfPixelCenters
        };
      }
      spatialAxes() {
        return this.channelsFirst ? [2, 3] : [1, 2];
      }
      resizedLength(length, axis) {
        if (this.outputSize) {
          return this.outputSize[axis];
        }
        return length === null ? null : length * this.factors[axis];
      }
    };
    BilinearUpSampling2D = class extends BilinearUpsampling {
      static className = "BilinearUpSampling2D";
      constructor(config) {
        super(config, false);
      }
    };
    CUSTOM_LAYER_CLASSES = [
      BilinearUpsampling.className,
      BilinearUpSampling2D.className
    ];
    registered = false;
  }
});

// src/segmenters/tfjs/layer-scan.ts
import * as tf9 from "@tensorflow/tfjs-core";
function findUnknownLayerClasses(modelTopology) {
  const known = tf9.serialization.SerializationMap.getMap().classNameMap;
  const found = /* @__PURE__ */ new Map();
  const root = isRecord4(modelTopology) && isRecord4(modelTopology["model_config"]) ? modelTopology["model_config"] : modelTopology;
  visitLayer(root, (className2, layerName2) => {
    if (className2 in known) {
      return;
    }
    const names = found.get(className2) ?? [];
    names.push(layerName2);
    found.set(className2, names);
  });
  return [...found].map(([className2, layerNames]) => ({ className: className2, layerNames }));
}
function formatUnknownLayerClasses(classes) {
  return classes.map((entry) => `${entry.className} (${entry.layerNames.join(", ")})`).join(", ");
}
function visitLayer(layer, visit) {
  if (!isRecord4(layer) || typeof layer["class_name"] !== "string") {
    return;
  }
  const className2 = layer["class_name"];
  const config = layer["config"];
  if (CONTAINER_CLASSES.has(className2)) {
    const layers2 = Array.isArray(config) ? config : isRecord4(config) ? config["layers"] : void 0;
    if (Array.isArray(layers2)) {
      layers2.forEach((inner) => visitLayer(inner, visit));
    }
    return;
  }
  visit(className2, layerName(layer, config));
  if (isRecord4(config)) {
    visitLayer(config["layer"], visit);
  }
}
function layerName(layer, config) {
  if (typeof layer["name"] === "string") {
    return layer["name"];
  }
  if (isRecord4(config) && typeof config["name"] === "string") {
    return config["name"];
  }
  return "(unnamed)";
}
function isRecord4(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var CONTAINER_CLASSES;
var init_layer_scan = __esm({
  "src/segmenters/tfjs/layer-scan.ts"() {
    "use strict";
    CONTAINER_CLASSES = /* @__PURE__ */ new Set(["Sequential", "Model", "Functional"]);
  }
});

// src/segmenters/tfjs/model-path.ts
import { existsSync as existsSync2, statSync } from "node:fs";
import { basename as basename2, dirname as dirname8, join as join9 } from "node:path";
function locateTfjsModel(path) {
  if (!existsSync2(path)) {
    throw new InputError(`Model ${path} was not found. Check the --model path.`);
  }
  if (statSync(path).isFile()) {
    if (SAVED_MODEL_FILES.includes(basename2(path))) {
      return { kind: "saved-model", folder: dirname8(path) };
    }
    if (path.endsWith(".json")) {
      return { kind: "json", jsonPath: path };
    }
    throw new InputError(
      `Model ${path} is neither a TensorFlow.js model JSON (*.json) nor a SavedModel (saved_model.pb). Pass the model.json of a TensorFlow.js model or a SavedModel folder.`
    );
  }
  if (SAVED_MODEL_FILES.some((name) => existsSync2(join9(path, name)))) {
    return { kind: "saved-model", folder: path };
  }
  const jsonPath = join9(path, "model.json");
  if (existsSync2(jsonPath)) {
    return { kind: "json", jsonPath };
  }
  throw new InputError(
    `Model folder ${path} contains neither model.json nor saved_model.pb. Pass the model JSON file itself when it has another name.`
  );
}
function decideJsonFormat(jsonPath, format, modelTopology) {
  const fromFormat = format === "layers-model" || format === "graph-model" ? format : null;
  const fromTopology = formatOfTopology(modelTopology);
  if (fromFormat && fromTopology && fromFormat !== fromTopology) {
    throw new InputError(
      `Model JSON ${jsonPath} declares format "${fromFormat}" but its modelTopology is a ${fromTopology === "graph-model" ? "GraphDef (graph model)" : "Keras config (layers model)"}. The file was edited or merged from two models; re-export it.`
    );
  }
  const decided = fromTopology ?? fromFormat;
  if (decided === null) {
    throw new InputError(
      `Model JSON ${jsonPath} is neither a layers model nor a graph model: format is ${format === void 0 ? "missing" : JSON.stringify(format)} and modelTopology has neither class_name/model_config (Keras) nor node (GraphDef).`
    );
  }
  return decided;
}
function formatOfTopology(topology) {
  if (Array.isArray(topology["node"])) {
    return "graph-model";
  }
  if ("model_config" in topology || typeof topology["class_name"] === "string") {
    return "layers-model";
  }
  return null;
}
var SAVED_MODEL_FILES;
var init_model_path = __esm({
  "src/segmenters/tfjs/model-path.ts"() {
    "use strict";
    init_errors();
    SAVED_MODEL_FILES = ["saved_model.pb", "saved_model.pbtxt"];
  }
});

// src/segmenters/tfjs/load.ts
import * as tf10 from "@tensorflow/tfjs-core";
import { loadGraphModel } from "@tensorflow/tfjs-converter";
import * as tfl3 from "@tensorflow/tfjs-layers";
async function loadTfjsModel(path, options) {
  const location = locateTfjsModel(path);
  if (location.kind === "saved-model") {
    return { kind: "model", model: await loadSavedModel(location.folder, options.tfjsNode) };
  }
  const modelJson = await readModelJson(location.jsonPath);
  const topology = modelJson.modelTopology;
  const format = decideJsonFormat(location.jsonPath, modelJson.format, topology);
  if (format === "graph-model") {
    return { kind: "model", model: await loadGraph(location.jsonPath) };
  }
  registerCustomLayers();
  const unknown = findUnknownLayerClasses(topology);
  if (unknown.length > 0) {
    const detail = `layer classes TensorFlow.js does not know: ${formatUnknownLayerClasses(unknown)}; custom Keras layers need a TensorFlow.js equivalent (seg-gate provides ${CUSTOM_LAYER_CLASSES.join(", ")}), so replace them before converting or export a SavedModel and convert it to a graph model`;
    return { kind: "finding", finding: outputFinding(location.jsonPath, detail) };
  }
  return { kind: "model", model: await loadLayers(location.jsonPath) };
}
function applyDepthwiseDilation(model2) {
  const depthwise = scanDilatedLayers(flattenLayers(model2)).rewritable.filter(
    (layer) => layer.className === "DepthwiseConv2D"
  );
  if (depthwise.length > 0) {
    installDilatedCalls(depthwise, "direct");
  }
}
async function loadLayers(jsonPath) {
  const model2 = await withLoadErrors(
    jsonPath,
    "layers model",
    () => tfl3.loadLayersModel(fileIOHandler(jsonPath), { strict: true })
  );
  applyDepthwiseDilation(model2);
  const specs = (tensors, names) => tensors.map((tensor2, index) => ({
    name: names[index] ?? tensor2.name,
    shape: tensor2.shape,
    dtype: tensor2.dtype
  }));
  const input = singleInput2(jsonPath, specs(model2.inputs, model2.inputNames));
  return {
    format: "layers-model",
    path: jsonPath,
    input,
    outputs: specs(model2.outputs, model2.outputNames),
    run: async (batch) => tf10.tidy(() => {
      const output = model2.predict(batch);
      return Array.isArray(output) ? output[0] : output;
    }),
    dispose: () => model2.dispose()
  };
}
async function loadGraph(jsonPath) {
  const model2 = await withLoadErrors(
    jsonPath,
    "graph model",
    () => loadGraphModel(fileIOHandler(jsonPath))
  );
  const input = singleInput2(jsonPath, model2.inputs.map(toSpec));
  const outputNode = model2.outputNodes[0];
  if (outputNode === void 0) {
    throw new InputError(`Graph model ${jsonPath} declares no output node.`);
  }
  return {
    format: "graph-model",
    path: jsonPath,
    input,
    outputs: model2.outputs.map(toSpec),
    run: graphRunner(model2, outputNode),
    dispose: () => model2.dispose()
  };
}
function graphRunner(model2, outputNode) {
  let asynchronous = false;
  return async (input) => {
    if (!asynchronous) {
      try {
        return tf10.tidy(() => model2.execute(input, outputNode));
      } catch (error) {
        if (!errorMessage(error).includes("executeAsync")) {
          throw error;
        }
        asynchronous = true;
      }
    }
    return await model2.executeAsync(input, outputNode);
  };
}
async function loadSavedModel(folder, tfjsNode) {
  if (tfjsNode === null) {
    throw new UsageError(
      `${folder} is a TensorFlow SavedModel, which loads only on the tensorflow backend of @tensorflow/tfjs-node: ${TFJS_NODE_INSTALL_HINT}, then run without --backend or with --backend tensorflow. Or convert the SavedModel to a graph model with tensorflowjs_converter --input_format=tf_saved_model.`
    );
  }
  const model2 = await withLoadErrors(folder, "SavedModel", () => tfjsNode.loadSavedModel(folder));
  const input = singleInput2(folder, model2.inputs.map(toSpec));
  return {
    format: "saved-model",
    path: folder,
    input,
    outputs: model2.outputs.map(toSpec),
    run: async (batch) => tf10.tidy(() => firstSavedModelOutput(model2, batch)),
    dispose: () => model2.dispose()
  };
}
function firstSavedModelOutput(model2, input) {
  const output = model2.predict(input, {});
  if (output instanceof tf10.Tensor) {
    return output;
  }
  if (Array.isArray(output)) {
    return output[0];
  }
  const named = output;
  const first = model2.outputs[0]?.name;
  const tensor2 = (first !== void 0 ? named[first] : void 0) ?? Object.values(named)[0];
  if (tensor2 === void 0) {
    throw new Error("The SavedModel returned no output tensor.");
  }
  return tensor2;
}
function toSpec(info) {
  if (!info.shape) {
    return { name: info.name, shape: null, dtype: info.dtype };
  }
  const shape = info.shape.map((size) => size < 0 ? null : size);
  return { name: info.name, shape, dtype: info.dtype };
}
function singleInput2(path, inputs) {
  const [input] = inputs;
  if (input === void 0 || inputs.length > 1) {
    const names = inputs.map((spec) => spec.name).join(", ");
    throw new InputError(
      `Model ${path} has ${inputs.length} inputs (${names || "none"}): seg-gate feeds one image tensor, so the model needs exactly one input.`
    );
  }
  return input;
}
async function withLoadErrors(path, what, load) {
  try {
    return await load();
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      throw error;
    }
    throw new InputError(`Failed to load ${what} ${path}: ${errorMessage(error)}`);
  }
}
var init_load = __esm({
  "src/segmenters/tfjs/load.ts"() {
    "use strict";
    init_dilated_layers();
    init_dilated_rewrite();
    init_layer_walk();
    init_errors();
    init_findings();
    init_custom_layers();
    init_file_io();
    init_layer_scan();
    init_model_path();
    init_tfjs_node();
  }
});

// src/segmenters/tfjs/run.ts
import * as tf11 from "@tensorflow/tfjs-core";
async function runTfjsModel(model2, data, dims) {
  const input = tf11.tensor(data, [...dims], "float32");
  try {
    const output = await model2.run(input);
    try {
      const values = NUMERIC_DTYPES.has(output.dtype) ? await output.data() : new Float32Array(0);
      return { type: output.dtype, dims: [...output.shape], data: values };
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}
function tfjsBatchRunner(model2, dims) {
  const declaredBatch = model2.input.shape?.[0];
  return {
    subject: model2.path,
    batchDim: typeof declaredBatch === "number" ? declaredBatch : null,
    run: async (batch) => {
      const stacked = new Float32Array(batch.reduce((total, item) => total + item.length, 0));
      let offset = 0;
      for (const item of batch) {
        stacked.set(item, offset);
        offset += item.length;
      }
      const raw = await runTfjsModel(model2, stacked, [batch.length, ...dims.slice(1)]);
      const itemLength = raw.data.length / batch.length;
      return batch.map(
        (_, index) => Float64Array.from(raw.data.subarray(index * itemLength, (index + 1) * itemLength), Number)
      );
    }
  };
}
var NUMERIC_DTYPES;
var init_run = __esm({
  "src/segmenters/tfjs/run.ts"() {
    "use strict";
    NUMERIC_DTYPES = /* @__PURE__ */ new Set(["float32", "int32", "bool"]);
  }
});

// src/segmenters/tfjs/segmenter.ts
var segmenter_exports = {};
__export(segmenter_exports, {
  openTfjsSegmenter: () => openTfjsSegmenter
});
async function openTfjsSegmenter(settings, deps) {
  const normalize = settings.input.normalize;
  if (normalize === null) {
    throw missingNormalizeError(settings.modelPath);
  }
  validateThreshold(settings.threshold);
  const backend = await selectBackend({
    requested: settings.backend,
    logger: deps.logger,
    candidates: deps.backendCandidates
  });
  warnAboutDevice(settings.input, backend, deps.logger);
  const tfjsNode = backend.name === "tensorflow" ? backend.tfjsNode : null;
  const loaded = await loadTfjsModel(settings.modelPath, { tfjsNode });
  const details = { backend: backend.name, backendSource: backend.source };
  if (loaded.kind === "finding") {
    details.format = "layers-model";
    const info = tfjsInfo(settings.modelPath, details, `not loadable: ${loaded.finding.detail}`);
    return withoutBatchCheck(unscorableSegmenter(info, [loaded.finding], async () => {
    }));
  }
  const model2 = loaded.model;
  deps.logger.debug(
    `loaded TensorFlow.js ${model2.format} ${model2.path}: input ${describeSpec(model2.input)}, outputs ${model2.outputs.map(describeSpec).join(", ")}`
  );
  try {
    return await buildSegmenter2(model2, settings, normalize, details);
  } catch (error) {
    model2.dispose();
    throw error;
  }
}
async function buildSegmenter2(model2, settings, normalize, details) {
  const { modelPath, input: options } = settings;
  const release = async () => model2.dispose();
  const input = declaredInput(model2.input);
  const output = model2.outputs[0];
  Object.assign(details, {
    format: model2.format,
    inputName: input.name,
    inputShape: formatShape(input.shape),
    inputType: input.type,
    outputName: output?.name ?? null,
    outputShape: output?.shape ? formatShape(output.shape.map(dimOf)) : null,
    threads: null,
    normalize: options.normalize,
    channelOrder: options.channelOrder,
    resize: options.resize,
    upsample: options.upsample,
    threshold: settings.threshold
  });
  const decision = decideInputLayout(input.shape, options.layout);
  if (decision.kind === "ambiguous") {
    const info = tfjsInfo(modelPath, details, `not decodable: ${decision.reason}`);
    const finding2 = layoutFinding(modelPath, decision.reason);
    return withoutBatchCheck(unscorableSegmenter(info, [finding2], release));
  }
  const layout = decision.layout;
  checkImageInput(input, layout, modelPath);
  const inputSize = resolveInputSize(input.shape, layout, options.inputSize, modelPath);
  const dims = inputDims(layout, inputSize);
  Object.assign(details, {
    layout: layout.toUpperCase(),
    layoutSource: decision.source === "option" ? "--layout" : "auto",
    inputSize: `${inputSize.width}x${inputSize.height}`
  });
  const probe = await runTfjsModel(model2, new Float32Array(product2(dims)), dims);
  const planned = planOutput(modelPath, probe.type, probe.dims, layout, settings.numClasses);
  details.outputDims = probe.dims;
  if (planned.kind === "finding") {
    const info = tfjsInfo(modelPath, details, `not decodable: ${planned.finding.detail}`);
    return withoutBatchCheck(unscorableSegmenter(info, [planned.finding], release));
  }
  const plan2 = planned.plan;
  const form = outputFormName(plan2, probe);
  Object.assign(details, { outputLayout: plan2.layout.toUpperCase(), outputForm: form });
  const decoding = describeThreshold(
    describeDecoding(plan2, probe.type, form, options.resize, options.upsample),
    plan2,
    settings.threshold
  );
  const spec = {
    inputSize,
    layout,
    normalize,
    channelOrder: options.channelOrder,
    resize: options.resize,
    maxPixels: settings.maxPixels
  };
  const run = { model: model2, dims, spec, plan: plan2, form, settings };
  return {
    info: tfjsInfo(modelPath, details, decoding),
    openFindings: [],
    segment: (image2) => segmentImage2(run, image2),
    checkBatchConsistency: (images) => checkImages2(run, images),
    dispose: release
  };
}
function segmentImage2(run, image2) {
  return segmentImageWith(
    imageRunSpec2(run),
    image2,
    (data) => runTfjsModel(run.model, data, run.dims)
  );
}
function imageRunSpec2(run) {
  return {
    spec: run.spec,
    plan: run.plan,
    form: run.form,
    numClasses: run.settings.numClasses,
    upsample: run.settings.input.upsample,
    threshold: run.settings.threshold
  };
}
async function checkImages2(run, images) {
  const inputs = await batchCheckInputs(run.spec, images);
  return checkBatchConsistency(tfjsBatchRunner(run.model, run.dims), inputs);
}
function describeThreshold(decoding, plan2, threshold) {
  if (plan2.form !== "binary") {
    return decoding;
  }
  return decoding.replace(`threshold ${BINARY_THRESHOLD}`, `threshold ${threshold}`);
}
function declaredInput(spec) {
  const shape = spec.shape ? spec.shape.map(dimOf) : ["?", "?", "?", "?"];
  return { name: spec.name, type: spec.dtype, shape };
}
function dimOf(size) {
  return size === null ? "?" : size;
}
function describeSpec(spec) {
  const shape = spec.shape ? formatShape(spec.shape.map(dimOf)) : "(shape not declared)";
  return `${spec.name} ${spec.dtype} ${shape}`;
}
function warnAboutDevice(input, backend, logger) {
  if (input.device === "cuda" && backend.source !== "@tensorflow/tfjs-node-gpu") {
    logger.warn(
      `--device cuda has no effect on the TensorFlow.js ${backend.name} backend; CUDA needs @tensorflow/tfjs-node-gpu, which runs as the tensorflow backend.`
    );
  }
  if (input.threads !== null) {
    logger.debug("--threads applies to ONNX Runtime only; TensorFlow.js backends ignore it.");
  }
}
function withoutBatchCheck(segmenter) {
  return {
    ...segmenter,
    checkBatchConsistency: async () => ({
      id: BATCH_CONSISTENCY_CHECK_ID,
      status: "skip",
      message: "The model output could not be decoded, so batch consistency was not checked."
    })
  };
}
function tfjsInfo(path, details, decoding) {
  return { kind: "tfjs", path, details, decoding };
}
function product2(dims) {
  return dims.reduce((total, dim) => total * dim, 1);
}
var init_segmenter = __esm({
  "src/segmenters/tfjs/segmenter.ts"() {
    "use strict";
    init_batch_consistency();
    init_findings();
    init_layout();
    init_normalize();
    init_onnx_input();
    init_onnx_info();
    init_output_form();
    init_score_view();
    init_segment_image();
    init_unscorable();
    init_backend();
    init_load();
    init_run();
    init_threshold();
  }
});

// src/segmenters/open.ts
import { stat as stat8 } from "node:fs/promises";
import { basename as basename3, extname as extname4 } from "node:path";
async function openSegmenter(settings, logger = silentLogger) {
  if (settings.predictions !== null) {
    return openPredictionSegmenter(settings.predictions, {
      numClasses: settings.numClasses,
      ignoreIndex: settings.ignoreIndex,
      maxPixels: settings.maxPixels
    });
  }
  const modelPath = settings.model;
  if (modelPath === null) {
    throw new UsageError("Neither --model nor --predictions is set: pass one of them.");
  }
  const format = modelFormat(modelPath, await statModel(modelPath));
  if (format === "unknown") {
    throw new UsageError(
      `Unsupported model format for ${modelPath} (extension "${extname4(modelPath)}"): expected an ONNX model (.onnx file), or a TensorFlow.js model (model.json or its folder).`
    );
  }
  if (settings.input.normalize === null) {
    throw missingNormalizeError(modelPath);
  }
  if (format === "tfjs") {
    const { openTfjsSegmenter: openTfjsSegmenter2 } = await Promise.resolve().then(() => (init_segmenter(), segmenter_exports));
    return openTfjsSegmenter2(
      {
        modelPath,
        numClasses: settings.numClasses,
        input: settings.input,
        maxPixels: settings.maxPixels,
        backend: settings.input.backend,
        threshold: settings.input.threshold
      },
      { logger }
    );
  }
  return openOnnxSegmenter({
    modelPath,
    numClasses: settings.numClasses,
    input: settings.input,
    maxPixels: settings.maxPixels,
    threshold: settings.input.threshold
  });
}
function modelFormat(path, stats) {
  if (stats.isDirectory()) {
    return "tfjs";
  }
  const extension = extname4(path).toLowerCase();
  if (basename3(path) === "saved_model.pb") {
    return "tfjs";
  }
  if (extension === ".onnx") {
    return "onnx";
  }
  if (extension === ".json") {
    return "tfjs";
  }
  return "unknown";
}
async function statModel(path) {
  try {
    return await stat8(path);
  } catch {
    throw new InputError(
      `Model not found: ${path}. Pass the path of an .onnx file with --model, or check the path.`
    );
  }
}
var init_open = __esm({
  "src/segmenters/open.ts"() {
    "use strict";
    init_errors();
    init_normalize();
    init_onnx();
    init_predictions();
    init_logger();
  }
});

// src/pipeline/label-scan.ts
function scanLabelValues(label3, numClasses, ignoreIndex) {
  const histogram2 = new Float64Array(256);
  for (const value of label3.data) {
    histogram2[value] = histogram2[value] + 1;
  }
  const outOfRange = /* @__PURE__ */ new Map();
  let outOfRangePixels = 0;
  for (let value = numClasses; value < 256; value++) {
    const pixels = histogram2[value];
    if (pixels > 0 && value !== ignoreIndex) {
      outOfRange.set(value, pixels);
      outOfRangePixels += pixels;
    }
  }
  return { outOfRange, outOfRangePixels };
}
var init_label_scan = __esm({
  "src/pipeline/label-scan.ts"() {
    "use strict";
  }
});

// src/pipeline/prefetch.ts
async function* prefetch(items, depth, load) {
  const pending = [];
  let next = 0;
  const fill = () => {
    while (pending.length < depth && next < items.length) {
      const promise = load(items[next], next);
      promise.catch(() => void 0);
      pending.push(promise);
      next += 1;
    }
  };
  fill();
  while (pending.length > 0) {
    const result = await pending.shift();
    fill();
    yield result;
  }
}
var init_prefetch = __esm({
  "src/pipeline/prefetch.ts"() {
    "use strict";
  }
});

// src/pipeline/evaluate.ts
import { stat as stat9 } from "node:fs/promises";
import { join as join10 } from "node:path";
import { performance as performance3 } from "node:perf_hooks";
async function evaluate(settings, dependencies) {
  const { logger } = dependencies;
  const warnings = [];
  const warn = (message) => {
    warnings.push(message);
    logger.warn(message);
  };
  const listed = await resolveDataset(settings.data, {
    limit: settings.limit,
    skipMissing: settings.skipMissing,
    onWarning: warn
  });
  const dataset = await dropMissingPredictions(settings, listed, warn);
  await dependencies.onDataset?.(dataset);
  logger.info(`Evaluating ${plural(dataset.samples.length, "image")}.`);
  const openStart = performance3.now();
  const segmenter = await openSegmenter(settings, logger);
  const openMs = performance3.now() - openStart;
  logger.info(
    `Segmenter: ${segmenter.info.kind} ${segmenter.info.path} (${segmenter.info.decoding})`
  );
  try {
    const run = new EvaluationRun(settings, segmenter, dependencies);
    await run.consume(dataset.samples);
    const batchCheck = await checkBatch(segmenter, dataset.samples);
    return run.outcome(dataset, openMs, warnings, batchCheck);
  } finally {
    await segmenter.dispose();
  }
}
async function dropMissingPredictions(settings, dataset, warn) {
  if (!settings.predictions) {
    return dataset;
  }
  if (!await isFolder2(settings.predictions)) {
    throw new InputError(
      `Prediction folder not found: ${settings.predictions}. Pass the folder that contains one <id>.png per image id with --predictions.`
    );
  }
  const ids = dataset.samples.map((sample) => sample.id);
  const missing = await missingPredictionIds(settings.predictions, ids);
  if (missing.length === 0) {
    return dataset;
  }
  const listed = `${missing.slice(0, MAX_LISTED_SUBJECTS).join(", ")}${missing.length > MAX_LISTED_SUBJECTS ? ` and ${missing.length - MAX_LISTED_SUBJECTS} more` : ""}`;
  if (!settings.skipMissing || missing.length === ids.length) {
    throw new InputError(
      `${missing.length} of ${ids.length} ids have no prediction file <id>.png in ${settings.predictions}: ${listed}. ` + (settings.skipMissing ? "No id is left to evaluate; check that --predictions names the right folder." : "Write one class-id PNG per id, or pass --skip-missing to evaluate the ids that have one.")
    );
  }
  warn(`Skipped ${plural(missing.length, "id")} without a prediction file: ${listed}.`);
  const skipped = new Set(missing);
  return {
    ...dataset,
    samples: dataset.samples.filter((sample) => !skipped.has(sample.id)),
    skippedIds: [...dataset.skippedIds, ...missing]
  };
}
async function checkBatch(segmenter, samples) {
  if (!segmenter.checkBatchConsistency) {
    return null;
  }
  const inputs = samples.slice(0, 2).map((sample) => ({
    id: sample.id,
    imagePath: sample.imagePath,
    labelWidth: 1,
    labelHeight: 1
  }));
  return segmenter.checkBatchConsistency(inputs);
}
async function isFolder2(path) {
  try {
    return (await stat9(path)).isDirectory();
  } catch {
    return false;
  }
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
async function loadSample(sample, maxPixels, labelMap) {
  const start = performance3.now();
  const [label3, header] = await Promise.all([
    readMask(sample.labelPath, maxPixels),
    readImageHeader(sample.imagePath, maxPixels)
  ]);
  const result = label3.result;
  return {
    sample,
    label: labelMap && result.kind === "mask" ? { ...result, mask: applyLabelMap(labelMap, result.mask) } : result,
    labelSha256: sha256Hex(label3.bytes),
    imageWidth: header.width,
    imageHeight: header.height,
    decodeMs: performance3.now() - start
  };
}
var PREFETCH_DEPTH, EvaluationRun;
var init_evaluate = __esm({
  "src/pipeline/evaluate.ts"() {
    "use strict";
    init_contract();
    init_errors();
    init_resolve();
    init_label_map();
    init_header();
    init_mask();
    init_png_write();
    init_accumulate();
    init_confusion();
    init_open();
    init_predictions();
    init_fingerprint();
    init_label_scan();
    init_prefetch();
    PREFETCH_DEPTH = 2;
    EvaluationRun = class {
      constructor(settings, segmenter, dependencies) {
        this.settings = settings;
        this.segmenter = segmenter;
        this.dependencies = dependencies;
        this.matrix = new ConfusionMatrix(settings.numClasses);
        this.fingerprint = new FingerprintBuilder({
          numClasses: settings.numClasses,
          ignoreIndex: settings.ignoreIndex,
          labelMap: settings.labelMap?.text ?? null
        });
        this.ledger.add(segmenter.openFindings);
      }
      settings;
      segmenter;
      dependencies;
      matrix;
      ledger = new ContractLedger();
      fingerprint;
      images = [];
      ignoredPixels = 0;
      unscoredPixels = 0;
      decodeMs = 0;
      preprocessMs = 0;
      inferenceMs = 0;
      metricsMs = 0;
      loopMs = 0;
      async consume(samples) {
        const progress = this.dependencies.createProgress(samples.length);
        const loopStart = performance3.now();
        const loaded = prefetch(
          samples,
          PREFETCH_DEPTH,
          (sample) => loadSample(sample, this.settings.maxPixels, this.settings.labelMap)
        );
        for await (const item of loaded) {
          this.decodeMs += item.decodeMs;
          this.fingerprint.add(item.sample.id, item.labelSha256);
          await this.processSample(item);
          progress.tick();
        }
        progress.done();
        this.loopMs = performance3.now() - loopStart;
      }
      async processSample(item) {
        const { sample } = item;
        const label3 = this.checkLabel(item);
        if (!label3) {
          const decoded = item.label.kind === "mask" ? item.label.mask : null;
          this.recordUnscored(sample, item, decoded);
          await this.notify({ sample, label: decoded, prediction: null, counts: null, stats: null });
          return;
        }
        const output = await this.segmenter.segment({
          id: sample.id,
          imagePath: sample.imagePath,
          labelWidth: label3.width,
          labelHeight: label3.height
        });
        this.preprocessMs += output.preprocessMs;
        this.inferenceMs += output.inferenceMs;
        this.ledger.add(output.findings);
        if (!output.mask) {
          this.recordUnscored(sample, item, label3);
          await this.notify({
            sample,
            label: label3,
            prediction: null,
            counts: null,
            stats: output.stats ?? null
          });
          return;
        }
        const counts = this.count(label3, output.mask);
        this.images.push({
          id: sample.id,
          width: label3.width,
          height: label3.height,
          ignoredPixels: counts.ignoredPixels,
          scored: true,
          counts: counts.matrix.toSparse()
        });
        await this.savePrediction(sample.id, output.mask);
        await this.notify({
          sample,
          label: label3,
          prediction: output.mask,
          counts,
          stats: output.stats ?? null
        });
      }
      /** Returns the label to score, or null when a contract violation makes it unusable. */
      checkLabel(item) {
        const { sample, label: label3 } = item;
        if (label3.kind === "not-class-ids") {
          this.ledger.add([
            {
              source: "labels",
              kind: "encoding",
              subject: sample.id,
              detail: `${label3.encoding}, ${label3.bitDepth}-bit`
            }
          ]);
          return null;
        }
        const mask = label3.mask;
        if (mask.width !== item.imageWidth || mask.height !== item.imageHeight) {
          this.ledger.add([
            {
              source: "labels",
              kind: "size",
              subject: sample.id,
              detail: `label ${mask.width}x${mask.height} vs image ${item.imageWidth}x${item.imageHeight}`
            }
          ]);
          return null;
        }
        const { numClasses, ignoreIndex } = this.settings;
        const scan = scanLabelValues(mask, numClasses, ignoreIndex);
        if (scan.outOfRangePixels === 0) {
          return mask;
        }
        const finding2 = {
          source: "labels",
          kind: "ids",
          subject: sample.id,
          detail: [...scan.outOfRange.keys()].slice(0, 5).join(", "),
          values: scan.outOfRange
        };
        this.ledger.add([finding2]);
        return null;
      }
      count(label3, prediction) {
        const start = performance3.now();
        const counts = countImage(
          label3,
          prediction,
          this.settings.numClasses,
          this.settings.ignoreIndex
        );
        this.matrix.addMatrix(counts.matrix);
        this.ignoredPixels += counts.ignoredPixels;
        this.metricsMs += performance3.now() - start;
        return counts;
      }
      recordUnscored(sample, item, label3) {
        const width = label3?.width ?? item.imageWidth;
        const height = label3?.height ?? item.imageHeight;
        this.unscoredPixels += width * height;
        this.images.push({ id: sample.id, width, height, ignoredPixels: 0, scored: false, counts: [] });
      }
      async savePrediction(id, mask) {
        const dir = this.settings.savePredictionsDir;
        if (dir) {
          await writeClassIdPng(join10(dir, `${id}.png`), mask);
        }
      }
      async notify(observation) {
        for (const observer of this.dependencies.observers ?? []) {
          await observer.onImage(observation);
        }
      }
      outcome(dataset, openMs, warnings, batchCheck) {
        const contractChecks = this.ledger.toChecks(contractCheckIds(this.segmenter.info.kind), {
          numClasses: this.settings.numClasses,
          ignoreIndex: this.settings.ignoreIndex,
          imageCount: dataset.samples.length
        });
        return {
          dataset,
          segmenter: this.segmenter.info,
          matrix: this.matrix,
          images: this.images,
          contractChecks,
          fingerprint: this.fingerprint.digest(),
          ignoredPixels: this.ignoredPixels,
          unscoredPixels: this.unscoredPixels,
          warnings,
          batchCheck,
          timing: {
            openMs,
            decodeMs: this.decodeMs,
            preprocessMs: this.preprocessMs,
            inferenceMs: this.inferenceMs,
            metricsMs: this.metricsMs,
            loopMs: this.loopMs
          }
        };
      }
    };
  }
});

// src/report/baseline-text.ts
function formatDelta(delta) {
  if (delta === null) {
    return NO_VALUE;
  }
  const rounded = Number(delta.toFixed(4));
  if (rounded === 0) {
    return "0.0000";
  }
  return `${rounded > 0 ? "+" : ""}${rounded.toFixed(4)}`;
}
function baselineHeadline(baseline) {
  const interval = baseline.interval ? ` (95 % interval ${formatDelta(baseline.interval[0])} to ${formatDelta(baseline.interval[1])}, ${baseline.resamples} paired bootstrap resamples)` : "";
  return `\u0394mIoU ${formatDelta(baseline.deltaMiou)}${interval} against ${baseline.source}`;
}
function changedClasses(baseline) {
  return baseline.classes.filter((entry) => entry.delta !== null && Number(entry.delta.toFixed(4)) !== 0).sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0)).slice(0, MAX_LISTED_CLASS_DELTAS);
}
function classDeltaCells(entry) {
  return [
    entry.name,
    formatRatio(entry.baselineIou),
    formatRatio(entry.iou),
    formatDelta(entry.delta)
  ];
}
var MAX_LISTED_CLASS_DELTAS;
var init_baseline_text = __esm({
  "src/report/baseline-text.ts"() {
    "use strict";
    init_format();
    MAX_LISTED_CLASS_DELTAS = 10;
  }
});

// src/report/check-status.ts
function countChecksByStatus(checks) {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) {
    counts[check.status] += 1;
  }
  return counts;
}
var init_check_status = __esm({
  "src/report/check-status.ts"() {
    "use strict";
  }
});

// src/report/markdown.ts
function renderMarkdownSummary(report) {
  const sections = [
    verdictSection(report),
    failedChecksSection(report.checks),
    warningsSection(report),
    metricsSection(report),
    baselineSection(report),
    classesSection(report.classes),
    modelSection(report.model, report.preprocessing),
    datasetSection(report.dataset),
    timingSection(report),
    allChecksSection(report.checks)
  ];
  return `${sections.filter((section) => section !== "").join("\n\n")}
`;
}
function escapeMarkdown(text) {
  const inline = text.replace(/\s*[\r\n]+\s*/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\\`*_[\]|~$]/g, (character) => `\\${character}`);
  return inline.replace(/^([#+=-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}
function verdictSection(report) {
  const counts = countChecksByStatus(report.checks);
  const checkLine = report.checks.length === 0 ? "No checks ran." : `Checks: ${counts.fail} failed, ${counts.warn} warned, ${counts.pass} passed, ${counts.skip} skipped.`;
  if (report.verdict === "error") {
    const reason = report.error === null ? "The evaluation could not run." : `The evaluation could not run (${report.error.kind} error): ${escapeMarkdown(report.error.message)}`;
    return `## seg-gate: ERROR

${reason}`;
  }
  return `## seg-gate: ${report.verdict.toUpperCase()}

${checkLine}`;
}
function failedChecksSection(checks) {
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length === 0) {
    return "";
  }
  return ["### Failed checks", "", ...failed.map(checkItem)].join("\n");
}
function warningsSection(report) {
  const warnedChecks = report.checks.filter((check) => check.status === "warn").map(checkItem);
  const warnings = report.warnings.map((warning) => `- ${escapeMarkdown(warning)}`);
  if (warnedChecks.length + warnings.length === 0) {
    return "";
  }
  return ["### Warnings", "", ...warnedChecks, ...warnings].join("\n");
}
function checkItem(check) {
  return `- **${escapeMarkdown(check.id)}**: ${escapeMarkdown(check.message)}`;
}
function metricsSection(report) {
  const metrics = report.metrics;
  if (metrics === null) {
    return "";
  }
  const rows = [
    ["mIoU", formatRatio(metrics.miou)],
    ["Pixel accuracy", formatRatio(metrics.pixelAccuracy)],
    ["Mean recall", formatRatio(metrics.meanRecall)],
    ["Frequency-weighted IoU", formatRatio(metrics.fwIou)],
    ["Images evaluated", imagesEvaluated(report)],
    ["Scored pixels", formatCount(metrics.scoredPixels)],
    ["Ignored pixels", formatCount(metrics.ignoredPixels)],
    ["Unscored pixels (contract violations)", formatCount(metrics.unscoredPixels)]
  ];
  return ["### Metrics", "", table(["Metric", "Value"], ["left", "right"], rows)].join("\n");
}
function baselineSection(report) {
  const baseline = report.baseline;
  if (baseline === null) {
    return "";
  }
  const lines = ["### Against the baseline", "", escapeMarkdown(baselineHeadline(baseline))];
  const changed = changedClasses(baseline);
  if (changed.length > 0) {
    const rows = changed.map(
      (entry) => classDeltaCells(entry).map((cell, column) => column === 0 ? escapeMarkdown(cell) : cell)
    );
    const headers = ["Class", "Baseline IoU", "IoU", "\u0394"];
    lines.push("", table(headers, ["left", "right", "right", "right"], rows));
  }
  return lines.join("\n");
}
function imagesEvaluated(report) {
  if (report.dataset === null) {
    return formatCount(report.images.length);
  }
  return `${formatCount(report.dataset.evaluated)} of ${formatCount(report.dataset.listed)} listed`;
}
function classesSection(classes) {
  if (classes.length === 0) {
    return "";
  }
  const rows = classes.map((entry) => [
    String(entry.id),
    escapeMarkdown(entry.name),
    formatRatio(entry.iou),
    formatRatio(entry.recall),
    formatRatio(entry.precision),
    formatCount(entry.support)
  ]);
  const headers = ["Id", "Class", "IoU", "Recall", "Precision", "Support"];
  const alignments = ["right", "left", "right", "right", "right", "right"];
  return [
    "### Per-class scores",
    "",
    table(headers, alignments, rows),
    "",
    `${NO_VALUE} marks a score whose denominator is empty: the class is absent from the labels (recall), the predictions (precision) or both (IoU). Such classes are left out of the means.`
  ].join("\n");
}
function modelSection(model2, preprocessing) {
  if (model2 === null && preprocessing === null) {
    return "";
  }
  const rows = [];
  if (model2 !== null) {
    rows.push(["Kind", MODEL_KIND_LABELS[model2.kind]]);
    rows.push(["Path", escapeMarkdown(model2.path)]);
    rows.push(["Decoding", escapeMarkdown(model2.decoding)]);
    for (const [key, value] of Object.entries(model2.details)) {
      rows.push([escapeMarkdown(key), escapeMarkdown(formatDetail(value))]);
    }
  }
  if (preprocessing !== null) {
    rows.push(...preprocessingRows(preprocessing));
  }
  return [
    "### Model and preprocessing",
    "",
    table(["Field", "Value"], ["left", "left"], rows)
  ].join("\n");
}
function formatDetail(value) {
  if (Array.isArray(value)) {
    return `[${value.join(", ")}]`;
  }
  return String(value);
}
function preprocessingRows(preprocessing) {
  return [
    ["Normalize", escapeMarkdown(preprocessing.normalize ?? "not declared")],
    ["Channel order", escapeMarkdown(preprocessing.channelOrder)],
    ["Input size", escapeMarkdown(preprocessing.inputSize ?? "model default")],
    ["Resize", escapeMarkdown(preprocessing.resize)],
    ["Layout", escapeMarkdown(preprocessing.layout)],
    ["Upsample", escapeMarkdown(preprocessing.upsample)],
    ["Device", escapeMarkdown(preprocessing.device)],
    ["Threads", preprocessing.threads === null ? "runtime default" : String(preprocessing.threads)]
  ];
}
function datasetSection(dataset) {
  if (dataset === null) {
    return "";
  }
  const rows = [...datasetSourceRows(dataset)];
  rows.push(["Listed ids", formatCount(dataset.listed)]);
  rows.push(["Evaluated images", formatCount(dataset.evaluated)]);
  rows.push(["Skipped (missing files)", skippedText(dataset)]);
  rows.push(["Classes", formatCount(dataset.numClasses)]);
  rows.push(["Ignore index", String(dataset.ignoreIndex)]);
  rows.push(["Fingerprint", `sha256 ${escapeMarkdown(shortFingerprint(dataset.fingerprint))}\u2026`]);
  return ["### Dataset", "", table(["Field", "Value"], ["left", "left"], rows)].join("\n");
}
function datasetSourceRows(dataset) {
  if (dataset.source === "folders") {
    return [
      ["Source", "Image and label folders"],
      ["Images", escapeMarkdown(dataset.imagesDir ?? NO_VALUE)],
      ["Labels", escapeMarkdown(dataset.labelsDir ?? NO_VALUE)]
    ];
  }
  const ids = dataset.idsFile !== null ? ["Ids file", escapeMarkdown(dataset.idsFile)] : ["Split", escapeMarkdown(dataset.split ?? NO_VALUE)];
  return [["Source", "VOC layout"], ["Root", escapeMarkdown(dataset.root ?? NO_VALUE)], ids];
}
function skippedText(dataset) {
  if (dataset.skippedMissing === 0) {
    return "0";
  }
  const listedIds = dataset.skippedIds.map(escapeMarkdown).join(", ");
  const more = dataset.skippedMissing > dataset.skippedIds.length ? ", \u2026" : "";
  return `${formatCount(dataset.skippedMissing)}: ${listedIds}${more}`;
}
function shortFingerprint(fingerprint) {
  return fingerprint.slice(0, FINGERPRINT_DISPLAY_LENGTH);
}
function timingSection(report) {
  const timing = report.timing;
  const images = report.dataset?.evaluated ?? report.images.length;
  const perImage = (ms) => images > 0 ? formatDuration(ms / images) : NO_VALUE;
  const rows = [
    ["Total", formatDuration(timing.totalMs), perImage(timing.totalMs)],
    ["Model open", formatDuration(timing.openMs), NO_VALUE],
    ["Decode", formatDuration(timing.decodeMs), perImage(timing.decodeMs)],
    ["Preprocess", formatDuration(timing.preprocessMs), perImage(timing.preprocessMs)],
    ["Inference", formatDuration(timing.inferenceMs), perImage(timing.inferenceMs)],
    ["Metrics", formatDuration(timing.metricsMs), NO_VALUE]
  ];
  return [
    "### Timings",
    "",
    table(["Stage", "Time", "Per image"], ["left", "right", "right"], rows),
    "",
    `Throughput: ${formatRate(timing.imagesPerSecond)} images/s. Started at ${escapeMarkdown(timing.startedAt)}.`
  ].join("\n");
}
function allChecksSection(checks) {
  if (checks.length === 0) {
    return "";
  }
  const rows = checks.map((check) => [
    escapeMarkdown(check.id),
    check.status,
    escapeMarkdown(check.message)
  ]);
  return [
    `<details><summary>All checks (${checks.length})</summary>`,
    "",
    table(["Check", "Status", "Message"], ["left", "left", "left"], rows),
    "",
    "</details>"
  ].join("\n");
}
function table(headers, alignments, rows) {
  const rule = alignments.map((alignment) => alignment === "right" ? "---:" : "---");
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
var FINGERPRINT_DISPLAY_LENGTH, MODEL_KIND_LABELS;
var init_markdown = __esm({
  "src/report/markdown.ts"() {
    "use strict";
    init_baseline_text();
    init_check_status();
    init_format();
    FINGERPRINT_DISPLAY_LENGTH = 12;
    MODEL_KIND_LABELS = {
      onnx: "ONNX model",
      tfjs: "TensorFlow.js model",
      predictions: "Prediction files"
    };
  }
});

// src/report/terminal.ts
var terminal_exports = {};
__export(terminal_exports, {
  colorFromEnvironment: () => colorFromEnvironment,
  renderTerminalSummary: () => renderTerminalSummary,
  sanitizeTerminalText: () => sanitizeTerminalText
});
function renderTerminalSummary(report, options) {
  const painter = createPainter(options.color);
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const sections = [
    verdictLines(report, painter, width),
    failedCheckLines(report.checks, painter, width),
    warningLines(report, painter, width),
    metricLines(report, painter),
    baselineLines(report, painter, width),
    classLines(report.classes, painter),
    timingLines(report, painter)
  ];
  return `${sections.filter((lines) => lines.length > 0).map((lines) => lines.join("\n")).join("\n\n")}
`;
}
function colorFromEnvironment(isTTY, env) {
  if (env["NO_COLOR"] !== void 0 && env["NO_COLOR"] !== "") {
    return false;
  }
  const force = env["FORCE_COLOR"];
  if (force !== void 0 && force !== "") {
    return force !== "0";
  }
  return isTTY === true && env["TERM"] !== "dumb";
}
function sanitizeTerminalText(text) {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
function createPainter(color) {
  if (!color) {
    return (text) => text;
  }
  return (text, style) => `${ANSI[style]}${text}${ANSI.reset}`;
}
function verdictLines(report, paint, width) {
  if (report.verdict === "error") {
    const headline2 = paint("seg-gate: ERROR", "bold");
    const kind = report.error === null ? "error" : `${report.error.kind} error`;
    const message = report.error === null ? "The evaluation could not run." : report.error.message;
    return [
      `${paint(headline2, "red")} (${kind})`,
      ...wrap(sanitizeTerminalText(message), width - INDENT.length).map((line) => INDENT + line)
    ];
  }
  const counts = countChecksByStatus(report.checks);
  const style = report.verdict === "pass" ? "green" : "red";
  const headline = paint(paint(`seg-gate: ${report.verdict.toUpperCase()}`, "bold"), style);
  const summary = report.checks.length === 0 ? "no checks ran" : `${counts.fail} failed, ${counts.warn} warned, ${counts.pass} passed, ${counts.skip} skipped`;
  return [`${headline}  ${summary}`];
}
function failedCheckLines(checks, paint, width) {
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length === 0) {
    return [];
  }
  return [
    paint("Failed checks", "bold"),
    ...failed.flatMap((check) => checkLines(check, "red", paint, width))
  ];
}
function warningLines(report, paint, width) {
  const warned = report.checks.filter((check) => check.status === "warn");
  if (warned.length + report.warnings.length === 0) {
    return [];
  }
  const lines = [paint("Warnings", "bold")];
  lines.push(...warned.flatMap((check) => checkLines(check, "yellow", paint, width)));
  for (const warning of report.warnings) {
    const wrapped = wrap(sanitizeTerminalText(warning), width - 2 * INDENT.length);
    lines.push(
      ...wrapped.map((line, index) => index === 0 ? `${INDENT}- ${line}` : `${INDENT}  ${line}`)
    );
  }
  return lines;
}
function checkLines(check, style, paint, width) {
  const message = wrap(sanitizeTerminalText(check.message), width - 2 * INDENT.length);
  return [
    INDENT + paint(sanitizeTerminalText(check.id), style),
    ...message.map((line) => INDENT + INDENT + line)
  ];
}
function metricLines(report, paint) {
  const metrics = report.metrics;
  if (metrics === null) {
    return [];
  }
  const images = report.dataset === null ? formatCount(report.images.length) : `${formatCount(report.dataset.evaluated)} evaluated of ${formatCount(report.dataset.listed)} listed`;
  const rows = [
    ["mIoU", formatRatio(metrics.miou)],
    ["Pixel accuracy", formatRatio(metrics.pixelAccuracy)],
    ["Mean recall", formatRatio(metrics.meanRecall)],
    ["fwIoU", formatRatio(metrics.fwIou)],
    ["Images", images],
    ["Scored pixels", formatCount(metrics.scoredPixels)],
    ["Ignored pixels", formatCount(metrics.ignoredPixels)],
    ["Unscored pixels", formatCount(metrics.unscoredPixels)]
  ];
  const labelWidth = Math.max(...rows.map(([label3]) => label3.length));
  return [
    paint("Metrics", "bold"),
    ...rows.map(
      ([label3, value]) => `${INDENT}${label3.padEnd(labelWidth)}  ${dimPlaceholder(value, paint)}`
    )
  ];
}
function baselineLines(report, paint, width) {
  const baseline = report.baseline;
  if (baseline === null) {
    return [];
  }
  const lines = [
    paint("Against the baseline", "bold"),
    ...wrap(sanitizeTerminalText(baselineHeadline(baseline)), width - INDENT.length).map(
      (line) => `${INDENT}${line}`
    )
  ];
  for (const entry of changedClasses(baseline)) {
    const [name, before, after, delta] = classDeltaCells(entry).map(sanitizeTerminalText);
    lines.push(`${INDENT}${name}: ${before} -> ${after} (${delta})`);
  }
  return lines;
}
function classLines(classes, paint) {
  if (classes.length === 0) {
    return [];
  }
  const header = ["Id", "Class", "IoU", "Recall", "Precision", "Support"];
  const rows = classes.map((entry) => [
    String(entry.id),
    sanitizeTerminalText(entry.name),
    formatRatio(entry.iou),
    formatRatio(entry.recall),
    formatRatio(entry.precision),
    formatCount(entry.support)
  ]);
  const widths = header.map(
    (title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length))
  );
  const align = (cells, style) => INDENT + cells.map((cell, column) => {
    const padded = column === 1 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
    return style(padded);
  }).join("  ").trimEnd();
  return [
    paint("Per-class scores", "bold"),
    align(header, (cell) => cell),
    ...rows.map((row) => align(row, (cell) => dimPlaceholder(cell, paint)))
  ];
}
function timingLines(report, paint) {
  const timing = report.timing;
  const images = report.dataset?.evaluated ?? report.images.length;
  const perImage = images > 0 ? formatDuration(timing.totalMs / images) : NO_VALUE;
  return [
    paint("Timing", "bold"),
    `${INDENT}${formatDuration(timing.totalMs)} total, ${perImage} per image, ${formatRate(timing.imagesPerSecond)} images/s`,
    `${INDENT}open ${formatDuration(timing.openMs)}, decode ${formatDuration(timing.decodeMs)}, preprocess ${formatDuration(timing.preprocessMs)}, inference ${formatDuration(timing.inferenceMs)}, metrics ${formatDuration(timing.metricsMs)}`
  ];
}
function dimPlaceholder(cell, paint) {
  return cell.trim() === NO_VALUE ? cell.replace(NO_VALUE, paint(NO_VALUE, "dim")) : cell;
}
function wrap(text, width) {
  const lines = [];
  let current = "";
  for (const word of text.split(" ").filter((part) => part !== "")) {
    if (current === "") {
      current = word;
    } else if (current.length + 1 + word.length <= width) {
      current += ` ${word}`;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== "") {
    lines.push(current);
  }
  return lines;
}
var DEFAULT_WIDTH, MIN_WIDTH, INDENT, ANSI;
var init_terminal = __esm({
  "src/report/terminal.ts"() {
    "use strict";
    init_baseline_text();
    init_check_status();
    init_format();
    DEFAULT_WIDTH = 100;
    MIN_WIDTH = 40;
    INDENT = "  ";
    ANSI = {
      bold: "\x1B[1m",
      dim: "\x1B[2m",
      red: "\x1B[31m",
      green: "\x1B[32m",
      yellow: "\x1B[33m",
      reset: "\x1B[0m"
    };
  }
});

// src/report/json.ts
function formatJson(value) {
  return `${formatValue(value, "")}
`;
}
function formatValue(value, indent) {
  if (Array.isArray(value)) {
    return formatArray(value, indent);
  }
  if (value !== null && typeof value === "object") {
    return formatObject(value, indent);
  }
  return formatScalar(value);
}
function formatArray(items, indent) {
  if (items.length === 0) {
    return "[]";
  }
  if (items.every(isScalar)) {
    return `[${items.map(formatScalar).join(", ")}]`;
  }
  const inner = `${indent}  `;
  const lines = items.map((item) => inner + formatValue(item, inner));
  return `[
${lines.join(",\n")}
${indent}]`;
}
function formatObject(object, indent) {
  const entries = Object.entries(object).filter(([, item]) => item !== void 0);
  if (entries.length === 0) {
    return "{}";
  }
  const inner = `${indent}  `;
  const lines = entries.map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${formatValue(item, inner)}`
  );
  return `{
${lines.join(",\n")}
${indent}}`;
}
function isScalar(value) {
  return value === null || typeof value !== "object";
}
function formatScalar(value) {
  return JSON.stringify(value) ?? "null";
}
var init_json = __esm({
  "src/report/json.ts"() {
    "use strict";
  }
});

// src/report/write.ts
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename as basename4, dirname as dirname9, join as join11 } from "node:path";
async function writeReportAtomic(path, report) {
  validateReport(report, "the report to write");
  await writeTextAtomic(path, formatJson(report));
}
async function writeTextAtomic(path, text) {
  const folder = dirname9(path);
  const tempPath = join11(folder, `.${basename4(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await ensureDir(folder);
    await writeAndSync(tempPath, text);
    await rename(tempPath, path);
  } catch (error) {
    await removeTempFile(tempPath);
    throw new UsageError(
      `Failed to write ${path}: ${errorMessage(error)}. Choose a path in a folder that can be created and written to.`,
      { cause: error }
    );
  }
}
async function writeAndSync(path, text) {
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}
async function removeTempFile(path) {
  try {
    await rm(path, { force: true });
  } catch {
  }
}
var init_write = __esm({
  "src/report/write.ts"() {
    "use strict";
    init_ensure_dir();
    init_errors();
    init_json();
    init_validate();
  }
});

// src/cli/run-evaluate.ts
var run_evaluate_exports = {};
__export(run_evaluate_exports, {
  OutputWriteError: () => OutputWriteError,
  runEvaluate: () => runEvaluate,
  writeOutputs: () => writeOutputs
});
import { performance as performance4 } from "node:perf_hooks";
import { extname as extname5 } from "node:path";
async function runEvaluate(settings, io2) {
  const startedAt = /* @__PURE__ */ new Date();
  const start = performance4.now();
  await prepareOutputs(outputTargets(settings));
  const unused = unusedSettingWarnings(settings);
  for (const warning of unused) {
    io2.logger.warn(warning);
  }
  const baseline = settings.baselinePath ? await loadBaseline(settings.baselinePath) : null;
  const analysis = new ImageAnalysis(
    {
      ignoreIndex: settings.ignoreIndex,
      classNames: settings.classNames,
      segmenterKind: segmenterKindOf(settings)
    },
    settings.checks.imageAnalysis
  );
  const overlays = createOverlays(settings);
  const observers = [analysis];
  if (overlays) {
    observers.push(overlayObserver(overlays));
  }
  const outcome = await evaluate(settings, {
    logger: io2.logger,
    createProgress: io2.createProgress,
    observers,
    onDataset: baseline ? (dataset) => assertBaselineMatches(settings, dataset, baseline) : void 0
  });
  const gate = await runGate(settings, outcome, { analysis, overlays, baseline });
  const report = assembleReport(
    settings,
    outcome,
    { ...gate, warnings: [...unused, ...gate.warnings] },
    {
      startedAt,
      totalMs: performance4.now() - start
    }
  );
  await writeOutputs(settings, report);
  io2.print(renderTerminalSummary(report, { color: io2.color }));
  return { report, exitCode: report.verdict === "pass" ? ExitCode.pass : ExitCode.gateFailed };
}
async function assertBaselineMatches(settings, dataset, baseline) {
  const fingerprint = await fingerprintSamples(dataset.samples, {
    numClasses: settings.numClasses,
    ignoreIndex: settings.ignoreIndex,
    labelMap: settings.labelMap?.text ?? null
  });
  const images = dataset.samples.map((sample) => ({
    id: sample.id,
    width: 0,
    height: 0,
    ignoredPixels: 0,
    scored: false,
    counts: []
  }));
  assertComparable(
    currentRunFromDataset(fingerprint, settings.classNames, images),
    baseline.report,
    baseline.source
  );
}
function segmenterKindOf(settings) {
  if (settings.predictions) {
    return "predictions";
  }
  return extname5(settings.model ?? "").toLowerCase() === ".onnx" ? "onnx" : "tfjs";
}
function createOverlays(settings) {
  if (settings.overlays === 0 || !settings.overlaysDir) {
    return null;
  }
  return createOverlayCollector({
    k: settings.overlays,
    dir: settings.overlaysDir,
    numClasses: settings.numClasses,
    ignoreIndex: settings.ignoreIndex
  });
}
function overlayObserver(collector) {
  return {
    onImage: async ({ sample, label: label3, prediction, counts }) => {
      if (label3 && prediction && counts) {
        await collector.onImage(sample, label3, prediction, counts.matrix.toSparse());
      }
    }
  };
}
async function writeOutputs(settings, report) {
  try {
    if (settings.reportPath) {
      await writeReportAtomic(settings.reportPath, report);
    }
    if (settings.summaryPath) {
      await writeTextAtomic(settings.summaryPath, renderMarkdownSummary(report));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      throw new OutputWriteError(error.message, { cause: error });
    }
    throw error;
  }
}
function outputTargets(settings) {
  const targets = [];
  if (settings.reportPath) {
    targets.push({ option: "--report", path: settings.reportPath, kind: "file" });
  }
  if (settings.summaryPath) {
    targets.push({ option: "--summary", path: settings.summaryPath, kind: "file" });
  }
  if (settings.savePredictionsDir) {
    targets.push({
      option: "--save-predictions",
      path: settings.savePredictionsDir,
      kind: "folder"
    });
  }
  if (settings.overlays > 0 && settings.overlaysDir) {
    targets.push({ option: "--overlays-dir", path: settings.overlaysDir, kind: "folder" });
  }
  return targets;
}
var OutputWriteError;
var init_run_evaluate = __esm({
  "src/cli/run-evaluate.ts"() {
    "use strict";
    init_image_analysis();
    init_overlays();
    init_comparable();
    init_baseline();
    init_fingerprint();
    init_gate();
    init_errors();
    init_unused_settings();
    init_prepare_outputs();
    init_assemble();
    init_evaluate();
    init_markdown();
    init_terminal();
    init_write();
    OutputWriteError = class extends UsageError {
    };
  }
});

// src/cli/progress.ts
var progress_exports = {};
__export(progress_exports, {
  BAR_INTERVAL_MS: () => BAR_INTERVAL_MS,
  LINES_INTERVAL_MS: () => LINES_INTERVAL_MS,
  createProgress: () => createProgress,
  renderBar: () => renderBar,
  renderLine: () => renderLine,
  resolveProgressStyle: () => resolveProgressStyle
});
import { performance as performance5 } from "node:perf_hooks";
function createProgress(options) {
  const style = resolveProgressStyle(options.mode, options.isTTY, options.ci);
  if (style === "off") {
    return { tick: () => void 0, done: () => void 0 };
  }
  const now = options.now ?? (() => performance5.now());
  const interval = options.intervalMs ?? (style === "bar" ? BAR_INTERVAL_MS : LINES_INTERVAL_MS);
  const render = style === "bar" ? renderBar : renderLine;
  const startedAt = now();
  const total = Math.max(0, options.total);
  let completed = 0;
  let lastWriteAt = startedAt;
  let lastWrittenCount = -1;
  let finished = false;
  const write = () => {
    const state = { completed, total, elapsedMs: now() - startedAt };
    options.stream.write(render(state, columnsOf(options.stream)));
    lastWriteAt = now();
    lastWrittenCount = completed;
  };
  if (style === "bar") {
    write();
  }
  return {
    tick(count = 1) {
      if (finished) {
        return;
      }
      completed += count;
      if (now() - lastWriteAt >= interval) {
        write();
      }
    },
    done() {
      if (finished) {
        return;
      }
      finished = true;
      if (style === "bar") {
        write();
        options.stream.write("\n");
      } else if (lastWrittenCount !== completed) {
        write();
      }
    }
  };
}
function resolveProgressStyle(mode, isTTY, ci) {
  if (mode !== "auto") {
    return mode;
  }
  return isTTY && !ci ? "bar" : "lines";
}
function renderLine(state) {
  const parts = [`progress: ${countText(state)} images (${percentText(state)})`];
  const rate = ratePerSecond(state);
  if (rate !== null) {
    parts.push(`${formatRate(rate)} img/s`);
  }
  if (state.completed >= state.total) {
    parts.push(`done in ${formatWholeSeconds(state.elapsedMs)}`);
  } else if (rate !== null) {
    parts.push(`about ${formatWholeSeconds(remainingMs(state, rate))} left`);
  }
  return `${parts.join(", ")}
`;
}
function renderBar(state, columns) {
  const rate = ratePerSecond(state);
  let tail = `${countText(state)} images ${percentText(state)}`;
  if (rate !== null) {
    tail += `  ${formatRate(rate)} img/s`;
  }
  if (state.completed >= state.total) {
    tail += `  ${formatWholeSeconds(state.elapsedMs)}`;
  } else if (rate !== null) {
    tail += `  ETA ${formatWholeSeconds(remainingMs(state, rate))}`;
  }
  const cells = Math.min(BAR_CELLS_MAX, columns - tail.length - 4);
  if (cells < 5) {
    return `\r${tail}${ERASE_LINE_END}`;
  }
  const filled = Math.round(fraction(state) * cells);
  return `\r[${"#".repeat(filled)}${"-".repeat(cells - filled)}] ${tail}${ERASE_LINE_END}`;
}
function countText(state) {
  return `${state.completed}/${state.total}`;
}
function percentText(state) {
  return formatPercent(fraction(state));
}
function fraction(state) {
  return state.total === 0 ? 1 : Math.min(1, state.completed / state.total);
}
function ratePerSecond(state) {
  if (state.completed === 0 || state.elapsedMs <= 0) {
    return null;
  }
  return state.completed * 1e3 / state.elapsedMs;
}
function remainingMs(state, rate) {
  return Math.max(0, state.total - state.completed) * 1e3 / rate;
}
function columnsOf(stream) {
  const columns = "columns" in stream ? stream.columns : void 0;
  return typeof columns === "number" && columns > 0 ? columns : DEFAULT_COLUMNS;
}
var BAR_INTERVAL_MS, LINES_INTERVAL_MS, BAR_CELLS_MAX, DEFAULT_COLUMNS, ERASE_LINE_END;
var init_progress = __esm({
  "src/cli/progress.ts"() {
    "use strict";
    init_format();
    BAR_INTERVAL_MS = 100;
    LINES_INTERVAL_MS = 1e4;
    BAR_CELLS_MAX = 30;
    DEFAULT_COLUMNS = 80;
    ERASE_LINE_END = "\x1B[K";
  }
});

// src/train/backend.ts
import * as tf12 from "@tensorflow/tfjs-core";
function missingGradientKernels(name) {
  return GRADIENT_KERNELS.filter((kernel) => tf12.getKernel(kernel, name) === void 0);
}
async function selectTrainingBackend(requested, logger, candidates = defaultBackendCandidates()) {
  const wasmGaps = await wasmGradientGaps();
  if (requested === "wasm" && wasmGaps.length > 0) {
    throw new UsageError(
      `The TensorFlow.js wasm backend (--backend wasm) cannot train: @tensorflow/tfjs-backend-wasm registers no ${wasmGaps.join(", ")} kernels, which gradients of convolutions need. Pass --backend cpu, or --backend tensorflow with @tensorflow/tfjs-node installed.`
    );
  }
  let usable = candidates;
  if (requested === null && wasmGaps.length > 0) {
    logger.info(
      `TensorFlow.js backend wasm skipped for training: it has no ${wasmGaps.join(", ")} kernels.`
    );
    usable = candidates.filter((candidate) => candidate.name !== "wasm");
  }
  const selection = await selectBackend({ requested, logger, candidates: usable });
  const missing = missingGradientKernels(selection.name);
  if (missing.length > 0) {
    throw new UsageError(
      `The TensorFlow.js ${selection.name} backend cannot train: it registers no ${missing.join(", ")} kernels. Pass --backend cpu.`
    );
  }
  return selection;
}
async function wasmGradientGaps() {
  await import("@tensorflow/tfjs-backend-wasm");
  return missingGradientKernels("wasm");
}
var GRADIENT_KERNELS;
var init_backend2 = __esm({
  "src/train/backend.ts"() {
    "use strict";
    init_errors();
    init_backend_candidates();
    init_backend();
    GRADIENT_KERNELS = [
      "Conv2DBackpropFilter",
      "Conv2DBackpropInput",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput"
    ];
  }
});

// src/train/batches.ts
import * as tf13 from "@tensorflow/tfjs-core";
function createBatchSource(examples, shape, seed) {
  if (examples.length === 0) {
    throw new Error("createBatchSource needs at least one example");
  }
  const random = mulberry32(seed);
  let order = [];
  const nextIndex = () => {
    if (order.length === 0) {
      order = shuffledIndices(examples.length, random);
    }
    return order.shift();
  };
  return {
    next: () => {
      const picked = Array.from({ length: shape.batchSize }, () => examples[nextIndex()]);
      return buildBatch(picked, shape);
    }
  };
}
function buildBatch(examples, shape) {
  const { inputSize, outputSize } = shape;
  const imageLength = inputSize.width * inputSize.height * 3;
  const labelLength = outputSize.width * outputSize.height;
  const images = new Float32Array(examples.length * imageLength);
  const ids = new Int32Array(examples.length * labelLength);
  examples.forEach((example, index) => {
    images.set(example.image, index * imageLength);
    ids.set(example.labels, index * labelLength);
  });
  const batch = examples.length;
  const imageTensor = tf13.tensor4d(images, [batch, inputSize.height, inputSize.width, 3]);
  const sparse = tf13.tensor3d(ids, [batch, outputSize.height, outputSize.width], "int32");
  const labels = shape.encoding === "sparse" ? sparse : tf13.tidy(() => tf13.cast(tf13.oneHot(sparse, shape.numClasses), "float32"));
  if (labels !== sparse) {
    sparse.dispose();
  }
  return {
    ids: examples.map((example) => example.id),
    images: imageTensor,
    labels,
    dispose: () => {
      imageTensor.dispose();
      labels.dispose();
    }
  };
}
function shuffledIndices(count, random) {
  const indices = Array.from({ length: count }, (_, index) => index);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices;
}
var init_batches = __esm({
  "src/train/batches.ts"() {
    "use strict";
    init_bootstrap();
  }
});

// src/train/load-model.ts
import * as tfl4 from "@tensorflow/tfjs-layers";
import { extname as extname6 } from "node:path";
async function loadTrainableModel(path) {
  if (extname6(path).toLowerCase() === ".onnx") {
    throw new UsageError(`Model ${path} is an ONNX model, which ${INFERENCE_ONLY}.`);
  }
  const location = locateTfjsModel(path);
  if (location.kind === "saved-model") {
    throw new UsageError(
      `Model ${location.folder} is a TensorFlow SavedModel, which ${INFERENCE_ONLY}. Convert the Keras model with tensorflowjs_converter --input_format=keras instead.`
    );
  }
  const jsonPath = location.jsonPath;
  const modelJson = await readModelJson(jsonPath);
  const topology = modelJson.modelTopology;
  if (decideJsonFormat(jsonPath, modelJson.format, topology) === "graph-model") {
    throw new UsageError(
      `Model ${jsonPath} is a TensorFlow.js graph model, which ${INFERENCE_ONLY}. Convert the Keras model with tensorflowjs_converter --input_format=keras instead.`
    );
  }
  registerCustomLayers();
  const unknown = findUnknownLayerClasses(topology);
  if (unknown.length > 0) {
    throw new UsageError(
      `Model ${jsonPath} uses layer classes TensorFlow.js does not know: ${formatUnknownLayerClasses(unknown)}. Replace them with built-in layers before converting.`
    );
  }
  return { model: await loadLayers2(jsonPath), jsonPath, modelJson };
}
async function loadLayers2(jsonPath) {
  const files = fileIOHandler(jsonPath);
  const handler = {
    load: async () => {
      const artifacts = await files.load();
      return { ...artifacts, trainingConfig: void 0 };
    }
  };
  try {
    return await tfl4.loadLayersModel(handler, { strict: true });
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      throw error;
    }
    throw new InputError(`Failed to load layers model ${jsonPath}: ${errorMessage(error)}`);
  }
}
var INFERENCE_ONLY;
var init_load_model = __esm({
  "src/train/load-model.ts"() {
    "use strict";
    init_errors();
    init_custom_layers();
    init_file_io();
    init_layer_scan();
    init_model_path();
    INFERENCE_ONLY = 'is inference-only: seg-gate train fine-tunes TensorFlow.js layers models (a model.json with "format": "layers-model", as written by model.save or tensorflowjs_converter from Keras)';
  }
});

// src/train/training-checks.ts
function firstStepCheck(loss, numClasses, factor) {
  const chance = Math.log(numClasses);
  const limit = factor * chance;
  const numbers = `The first step's mean loss is ${formatLoss(loss)}; ln C for C = ${numClasses} classes is ${chance.toFixed(4)}, and the limit is ${factor} x ln C = ${limit.toFixed(4)}`;
  if (!Number.isFinite(loss)) {
    return fail(
      TRAINING_CHECK_IDS.firstStep,
      `${numbers}. A non-finite loss before any update comes from the data or the model: non-finite inputs, an output that overflows, or a class weight that is not a number. Training stopped.`
    );
  }
  if (loss > limit) {
    return fail(
      TRAINING_CHECK_IDS.firstStep,
      `${numbers}. A per-pixel mean cross-entropy never starts there; thousands mean a sum or a label mismatch (labels resized bilinearly, ids shifted, the wrong --num-classes or normalisation). Training stopped.`
    );
  }
  return pass(TRAINING_CHECK_IDS.firstStep, `${numbers}.`);
}
function nonFiniteLossFailure(step, loss, previous) {
  const before = previous === null ? "" : ` after ${formatLoss(previous)} at step ${step - 1}`;
  return fail(
    TRAINING_CHECK_IDS.finite,
    `The loss became ${formatLoss(loss)} at step ${step}${before}. The weights diverged: lower --learning-rate, check the class weights, or look for non-finite inputs. Training stopped.`
  );
}
function finiteLossPass(steps) {
  return pass(TRAINING_CHECK_IDS.finite, `All ${steps} step losses were finite.`);
}
function unchangedWeightsFailure(step, variables, learningRate) {
  return fail(
    TRAINING_CHECK_IDS.weights,
    `None of the ${variables} trainable variables changed in step ${step} (largest change 0, learning rate ${learningRate}). The optimizer applied no update: a learning rate of 0, frozen layers (trainable false), or a batch whose pixels are all at the ignore index. Training stopped.`
  );
}
function updatedWeightsPass(steps, variables, smallestChange) {
  return pass(
    TRAINING_CHECK_IDS.weights,
    `The ${variables} trainable variables changed in each of the ${steps} steps; the smallest largest-absolute change of a step was ${smallestChange.toExponential(2)}.`
  );
}
function overfitProbeCheck(losses, ids) {
  const first = losses[0] ?? Number.NaN;
  const last = losses[losses.length - 1] ?? Number.NaN;
  const numbers = `Over ${losses.length} steps on one repeated batch (${ids.join(", ")}) the loss went from ${formatLoss(first)} to ${formatLoss(last)}`;
  if (Number.isFinite(last) && last < first) {
    const drop = (first - last) / first * 100;
    return pass(TRAINING_CHECK_IDS.overfitProbe, `${numbers} (${drop.toFixed(1)}% lower).`);
  }
  return fail(
    TRAINING_CHECK_IDS.overfitProbe,
    `${numbers}, so it did not fall. A network that cannot lower the loss on one batch it sees again and again has gradients that do not reach its weights, a learning rate that is 0 or far too high, or labels that do not belong to the images. The weights were restored after the probe.`
  );
}
function formatLoss(loss) {
  return Number.isFinite(loss) ? loss.toFixed(4) : String(loss);
}
function pass(id, message) {
  return { id, status: "pass", message };
}
function fail(id, message) {
  return { id, status: "fail", message };
}
var TRAINING_CHECK_IDS;
var init_training_checks = __esm({
  "src/train/training-checks.ts"() {
    "use strict";
    TRAINING_CHECK_IDS = {
      firstStep: "training.loss.first-step",
      finite: "training.loss.finite",
      weights: "training.weights.updated",
      overfitProbe: "training.overfit-probe"
    };
  }
});

// src/train/loop.ts
import * as tf14 from "@tensorflow/tfjs-core";
import { performance as performance6 } from "node:perf_hooks";
async function runTrainingLoop(spec) {
  const records = [];
  const checks = [];
  for (let step = 1; step <= spec.steps; step += 1) {
    const record3 = await runStep(spec, step);
    records.push(record3);
    logStep(spec, records);
    const failure = stepFailure(spec, record3, records, checks);
    if (failure !== null) {
      checks.push(failure);
      return { records, checks, completed: false };
    }
  }
  const smallest = Math.min(...records.map((record3) => record3.maxWeightChange));
  checks.push(finiteLossPass(records.length));
  checks.push(updatedWeightsPass(records.length, spec.variables.length, smallest));
  return { records, checks, completed: true };
}
async function runStep(spec, step) {
  const started = performance6.now();
  const batch = spec.nextBatch();
  const before = spec.variables.map((variable) => tf14.clone(variable));
  try {
    const loss = await spec.step(batch);
    const maxWeightChange = largestChange(before, spec.variables);
    return { step, loss, ms: performance6.now() - started, maxWeightChange };
  } finally {
    tf14.dispose(before);
    batch.dispose();
  }
}
function stepFailure(spec, record3, records, checks) {
  if (record3.step === 1) {
    const first = firstStepCheck(record3.loss, spec.numClasses, spec.firstLossFactor);
    if (first.status === "fail") {
      return first;
    }
    checks.push(first);
  } else if (!Number.isFinite(record3.loss)) {
    const previous = records[records.length - 2]?.loss ?? null;
    return nonFiniteLossFailure(record3.step, record3.loss, previous);
  }
  if (record3.maxWeightChange === 0) {
    return unchangedWeightsFailure(record3.step, spec.variables.length, spec.learningRate);
  }
  return null;
}
function largestChange(before, after) {
  return tf14.tidy(() => {
    let largest = 0;
    before.forEach((tensor2, index) => {
      const change = tf14.max(tf14.abs(tf14.sub(after[index], tensor2))).dataSync()[0] ?? 0;
      largest = Math.max(largest, Number.isNaN(change) ? Number.POSITIVE_INFINITY : change);
    });
    return largest;
  });
}
function logStep(spec, records) {
  const last = records[records.length - 1];
  const mean = records.reduce((total, record3) => total + record3.ms, 0) / records.length;
  const eta = (spec.steps - last.step) * mean / 1e3;
  spec.logger.info(
    `step ${last.step}/${spec.steps}: loss ${formatLoss(last.loss)}, ${Math.round(last.ms)} ms, ETA ${eta.toFixed(1)} s`
  );
}
var init_loop = __esm({
  "src/train/loop.ts"() {
    "use strict";
    init_training_checks();
  }
});

// src/train/masked-loss.ts
import * as tf15 from "@tensorflow/tfjs-core";
function maskedSparseCrossEntropy(logits, labels, options) {
  return tf15.tidy(() => {
    const numClasses = logits.shape[3];
    const flatLabels = tf15.cast(tf15.reshape(labels, [-1]), "int32");
    const valid = tf15.notEqual(flatLabels, tf15.scalar(options.ignoreIndex, "int32"));
    const safeLabels = tf15.where(valid, flatLabels, tf15.zerosLike(flatLabels));
    const oneHot3 = tf15.cast(tf15.oneHot(safeLabels, numClasses), "float32");
    const pixelWeights = tf15.mul(
      classWeightOf(oneHot3, options.classWeights),
      tf15.cast(valid, "float32")
    );
    return reduceWeighted(negativeLogLikelihood(logits, oneHot3), pixelWeights, options.reduction);
  });
}
function maskedCategoricalCrossEntropy(logits, labels, options) {
  return tf15.tidy(() => {
    const numClasses = logits.shape[3];
    const oneHot3 = tf15.reshape(tf15.cast(labels, "float32"), [-1, numClasses]);
    const pixelWeights = classWeightOf(oneHot3, options.classWeights);
    return reduceWeighted(negativeLogLikelihood(logits, oneHot3), pixelWeights, options.reduction);
  });
}
function negativeLogLikelihood(logits, oneHot3) {
  const numClasses = logits.shape[3];
  const logProbabilities = tf15.logSoftmax(tf15.reshape(logits, [-1, numClasses]));
  return tf15.neg(tf15.sum(tf15.mul(oneHot3, logProbabilities), -1));
}
function classWeightOf(oneHot3, classWeights2) {
  if (classWeights2 === null) {
    return tf15.sum(oneHot3, -1);
  }
  return tf15.sum(tf15.mul(oneHot3, tf15.tensor1d([...classWeights2], "float32")), -1);
}
function reduceWeighted(perPixel, weights, reduction) {
  const total = tf15.sum(tf15.mul(perPixel, weights));
  if (reduction === "sum") {
    return total;
  }
  const weightSum = tf15.sum(weights);
  const divisor = tf15.where(tf15.equal(weightSum, 0), tf15.onesLike(weightSum), weightSum);
  return tf15.div(total, divisor);
}
var init_masked_loss = __esm({
  "src/train/masked-loss.ts"() {
    "use strict";
  }
});

// src/train/optimizer-step.ts
import * as tf16 from "@tensorflow/tfjs-core";
function buildLoss(spec) {
  const options = {
    ignoreIndex: spec.ignoreIndex,
    classWeights: spec.classWeights,
    reduction: spec.reduction
  };
  return spec.name === "sparse-categorical-crossentropy" ? (logits, labels) => maskedSparseCrossEntropy(logits, labels, options) : (logits, labels) => maskedCategoricalCrossEntropy(logits, labels, options);
}
function createOptimizer(name, learningRate) {
  return name === "adam" ? tf16.train.adam(learningRate) : tf16.train.sgd(learningRate);
}
function createStepFunction(forward, loss, optimizer, variables) {
  return async (batch) => {
    const cost = optimizer.minimize(() => loss(forward(batch.images), batch.labels), true, [
      ...variables
    ]);
    if (cost === null) {
      throw new Error("optimizer.minimize returned no cost although returnCost was true");
    }
    const [value] = await cost.data();
    cost.dispose();
    return value ?? Number.NaN;
  };
}
var init_optimizer_step = __esm({
  "src/train/optimizer-step.ts"() {
    "use strict";
    init_masked_loss();
  }
});

// src/train/overfit-probe.ts
import * as tf17 from "@tensorflow/tfjs-core";
async function runOverfitProbe(spec) {
  const saved = spec.model.getWeights().map((weight) => tf17.clone(weight));
  const losses = [];
  try {
    for (let step = 1; step <= spec.steps; step += 1) {
      losses.push(await spec.step(spec.batch));
      spec.logger.info(
        `overfit probe step ${step}/${spec.steps}: loss ${formatLoss(losses[losses.length - 1] ?? Number.NaN)}`
      );
    }
  } finally {
    spec.model.setWeights(saved);
    tf17.dispose(saved);
  }
  return { losses, check: overfitProbeCheck(losses, spec.batch.ids) };
}
var init_overfit_probe = __esm({
  "src/train/overfit-probe.ts"() {
    "use strict";
    init_training_checks();
  }
});

// src/train/final-softmax.ts
import * as tfl5 from "@tensorflow/tfjs-layers";
function findFinalSoftmax(model2) {
  const output = model2.outputs[0];
  const layer = output?.sourceLayer;
  if (layer === void 0) {
    return { kind: "none" };
  }
  const className2 = layerClassName(layer);
  const activation = layerConfigValue(layer, "activation");
  const isSoftmaxLayer = className2 === "Softmax" || className2 === "Activation" && activation === "softmax";
  if (isSoftmaxLayer) {
    const input = layer.input;
    const logits = Array.isArray(input) ? input[0] : input;
    if (logits !== void 0) {
      return { kind: "layer", layerName: layer.name, className: className2, logits };
    }
  }
  if (activation === "softmax") {
    return { kind: "activation", layer, layerName: layer.name, className: className2 };
  }
  return { kind: "none" };
}
function describeFinalSoftmax(found) {
  return found.kind === "layer" ? `the output layer ${found.layerName} (${found.className})` : `the activation softmax of the output layer ${found.layerName} (${found.className})`;
}
function stripFinalSoftmax(model2, found) {
  if (found.kind === "none") {
    return { model: model2, restore: () => {
    } };
  }
  if (found.kind === "layer") {
    const logitsModel = tfl5.model({ inputs: model2.inputs, outputs: found.logits });
    return { model: logitsModel, restore: () => {
    } };
  }
  const holder = found.layer;
  const original = holder.activation;
  holder.activation = IDENTITY_ACTIVATION;
  return {
    model: model2,
    restore: () => {
      holder.activation = original;
    }
  };
}
var IDENTITY_ACTIVATION;
var init_final_softmax = __esm({
  "src/train/final-softmax.ts"() {
    "use strict";
    init_layer_walk();
    IDENTITY_ACTIVATION = {
      apply: (tensor2) => tensor2,
      getClassName: () => "linear"
    };
  }
});

// src/train/loss-choice.ts
function resolveLoss(choice, saved) {
  if (choice !== "auto") {
    return { name: choice, source: "option" };
  }
  if (saved?.encoding === "one-hot") {
    return { name: "categorical-crossentropy", source: "saved" };
  }
  if (saved?.encoding === "sparse") {
    return { name: "sparse-categorical-crossentropy", source: "saved" };
  }
  return { name: "sparse-categorical-crossentropy", source: "default" };
}
function describeLossSource(loss, saved) {
  switch (loss.source) {
    case "option":
      return "set by --loss";
    case "saved":
      return `saved as ${saved?.name ?? "the loss"} in ${saved?.field ?? "the training config"} of the model JSON`;
    case "default":
      return "the default";
  }
}
var LOSS_ENCODING;
var init_loss_choice = __esm({
  "src/train/loss-choice.ts"() {
    "use strict";
    LOSS_ENCODING = {
      "sparse-categorical-crossentropy": "sparse",
      "categorical-crossentropy": "one-hot"
    };
  }
});

// src/train/model-geometry.ts
import * as tf18 from "@tensorflow/tfjs-core";
function modelGeometry(model2, jsonPath, option, batchSize) {
  const declared = (model2.inputs[0]?.shape ?? []).map((size) => size ?? "?");
  const where2 = `Model ${jsonPath} input ${formatShape(declared)}`;
  if (declared.length !== 4 || declared[3] !== 3 && declared[3] !== "?") {
    throw new UsageError(
      `${where2}: training takes NHWC image input [batch,height,width,3]. Export the model with a channels-last RGB input.`
    );
  }
  const batch = declared[0];
  if (typeof batch === "number" && batch !== batchSize) {
    throw new UsageError(
      `${where2} has a fixed batch of ${batch} vs --batch-size ${batchSize}: pass --batch-size ${batch}, or export the model with a symbolic batch dimension.`
    );
  }
  const inputSize = resolveInputSize(declared, "nhwc", option, jsonPath);
  const outputShape = tf18.tidy(() => {
    const zeros2 = tf18.zeros([batchSize, inputSize.height, inputSize.width, 3]);
    const output = model2.predict(zeros2);
    return (Array.isArray(output) ? output[0] : output).shape;
  });
  return { inputSize, outputShape };
}
var init_model_geometry = __esm({
  "src/train/model-geometry.ts"() {
    "use strict";
    init_errors();
    init_layout();
    init_onnx_input();
  }
});

// src/train/preflight.ts
function outputCheck(outputShape, numClasses) {
  const shape = formatShape2(outputShape);
  const channels = outputShape[3];
  if (outputShape.length === 4 && channels === numClasses) {
    return pass2(
      PREFLIGHT_CHECK_IDS.output,
      `Model output ${shape} has ${numClasses} channels in NHWC order, one per class.`
    );
  }
  return fail2(
    PREFLIGHT_CHECK_IDS.output,
    `Model output ${shape} vs expected [B,H,W,${numClasses}]: training needs NHWC scores with one channel per class (--num-classes ${numClasses}). Check --num-classes, or export the model with a channels-last output.`
  );
}
function labelShapeCheck(labelShape, outputShape, encoding, loss, saved) {
  const expectedEncoding = LOSS_ENCODING[loss.name];
  const expected = expectedEncoding === "sparse" ? outputShape.slice(0, -1) : outputShape;
  const labels = `labels ${formatShape2(labelShape)} (${describeEncoding(encoding)}, --label-encoding ${encoding})`;
  const lossText = `loss ${loss.name} (${describeLossSource(loss, saved)})`;
  if (sameShape(labelShape, expected)) {
    return pass2(
      PREFLIGHT_CHECK_IDS.labelShape,
      `${capitalize(labels)} fit the model output ${formatShape2(outputShape)} and the ${lossText}.`
    );
  }
  const fix = expectedEncoding === "sparse" ? "Pass --label-encoding sparse, or --loss categorical-crossentropy to train on one-hot labels." : "Pass --label-encoding one-hot, or --loss sparse-categorical-crossentropy to train on class ids.";
  return fail2(
    PREFLIGHT_CHECK_IDS.labelShape,
    `${capitalize(labels)} vs model output ${formatShape2(outputShape)} vs ${lossText}, which expects ${describeEncoding(expectedEncoding)} ${formatShape2(expected)}: the labels do not have the shape the loss takes. ${fix}`
  );
}
function savedLossCheck(saved, encoding, loss, numClasses) {
  const id = PREFLIGHT_CHECK_IDS.savedLoss;
  if (saved === null) {
    return pass2(id, "The model JSON has no training config, so no saved loss was compared.");
  }
  const where2 = `${saved.name} in ${saved.field} of the model JSON`;
  if (saved.encoding === encoding) {
    return pass2(id, `The saved loss ${where2} takes ${describeEncoding(encoding)}, as fed.`);
  }
  const overridden = loss.source === "option";
  const expects = saved.encoding === null ? `is not a cross-entropy over ${numClasses} classes` : `expects ${describeEncoding(saved.encoding)}`;
  const status = overridden ? "warn" : "fail";
  const next = overridden ? `--loss ${loss.name} overrides it, so training uses that loss.` : saved.encoding === null ? "Pass --loss sparse-categorical-crossentropy or --loss categorical-crossentropy to train with a masked cross-entropy instead." : `Pass --label-encoding ${saved.encoding} to train as saved, or --loss with the loss you want.`;
  return {
    id,
    status,
    message: `The saved loss ${where2} ${expects}, but the labels are fed as ${describeEncoding(encoding)} (--label-encoding ${encoding}). ${next}`
  };
}
function finalSoftmaxCheck(found, mode) {
  const id = PREFLIGHT_CHECK_IDS.finalSoftmax;
  if (found.kind === "none") {
    return pass2(id, "The model output has no final softmax, so the loss receives logits.");
  }
  const what = describeFinalSoftmax(found);
  if (mode === "reject") {
    return fail2(
      id,
      `The model ends with ${what}, and the loss expects logits: cross-entropy on probabilities applies softmax twice. Training stopped (--final-softmax reject). Pass --final-softmax strip to train on the logits in front of it, or export the model without the softmax.`
    );
  }
  return {
    id,
    status: "warn",
    message: `The model ends with ${what}, and the loss expects logits, so training skipped the softmax and computed the loss on its input (--final-softmax strip). The saved checkpoint keeps the softmax, so it still outputs probabilities.`
  };
}
function labelsCheck(problems, examples, numClasses, ignoreIndex) {
  const id = PREFLIGHT_CHECK_IDS.labels;
  if (problems.length === 0) {
    return pass2(
      id,
      `All ${examples} training labels are class-id images with ids 0..${numClasses - 1} or the ignore index ${ignoreIndex}.`
    );
  }
  const listed = problems.slice(0, LISTED_PROBLEMS).map((problem) => `${problem.id} (${problem.detail})`).join(", ");
  const more = problems.length > LISTED_PROBLEMS ? ` and ${problems.length - LISTED_PROBLEMS} more` : "";
  return fail2(
    id,
    `${problems.length} of ${problems.length + examples} training labels cannot feed the loss: ${listed}${more}. Labels must be 8-bit class-id PNGs with ids 0..${numClasses - 1} or ${ignoreIndex}; fix --num-classes, or remap ids with --label-map.`
  );
}
function formatShape2(shape) {
  return `[${shape.join(",")}]`;
}
function describeEncoding(encoding) {
  return encoding === "sparse" ? "sparse class ids" : "one-hot rows";
}
function sameShape(a, b) {
  return a.length === b.length && a.every((size, index) => size === b[index]);
}
function pass2(id, message) {
  return { id, status: "pass", message };
}
function fail2(id, message) {
  return { id, status: "fail", message };
}
function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
var PREFLIGHT_CHECK_IDS, LISTED_PROBLEMS;
var init_preflight = __esm({
  "src/train/preflight.ts"() {
    "use strict";
    init_final_softmax();
    init_loss_choice();
    PREFLIGHT_CHECK_IDS = {
      output: "training.contract.output",
      labelShape: "training.contract.label-shape",
      savedLoss: "training.contract.saved-loss",
      finalSoftmax: "training.contract.final-softmax",
      labels: "training.contract.labels"
    };
    LISTED_PROBLEMS = 10;
  }
});

// src/train/rewrite-check.ts
import * as tf19 from "@tensorflow/tfjs-core";
function verifyDilatedRewrite(model2, layers2, inputShape, seed) {
  const input = tf19.randomNormal([...inputShape], 0, 1, "float32", seed);
  try {
    const reference = runWith(model2, layers2, "direct", input);
    const rewritten = runWith(model2, layers2, "space-to-batch", input);
    const maxDifference = tf19.tidy(() => tf19.max(tf19.abs(tf19.sub(reference, rewritten))).dataSync()[0]);
    reference.dispose();
    rewritten.dispose();
    const variables = layers2.flatMap((entry) => entry.layer.trainableWeights);
    const badGradients = checkGradients(model2, layers2, input, variables);
    return {
      maxDifference: maxDifference ?? Number.NaN,
      badGradients,
      variableCount: variables.length,
      inputShape
    };
  } finally {
    input.dispose();
  }
}
function dilatedRewriteCheck(scan, verification) {
  if (scan.rejected.length > 0) {
    return {
      id: DILATED_REWRITE_CHECK_ID,
      status: "fail",
      message: `TensorFlow.js has no gradient for dilated convolutions, and these dilated layers cannot be rewritten as space-to-batch: ${formatRejectedLayers(scan.rejected)}. Train this model with Keras or TensorFlow in Python, or export it with these layers undilated.`
    };
  }
  if (scan.rewritable.length === 0 || verification === null) {
    return {
      id: DILATED_REWRITE_CHECK_ID,
      status: "pass",
      message: "The model has no dilated convolution, so nothing was rewritten."
    };
  }
  return verifiedRecord(scan.rewritable, verification);
}
function verifiedRecord(layers2, result) {
  const names = layers2.map((entry) => `${entry.name} (${entry.className}, dilation ${entry.dilation.join("x")})`).join(", ");
  const shape = `[${result.inputShape.join(",")}]`;
  const agrees = result.maxDifference <= REWRITE_TOLERANCE;
  const gradients = result.badGradients.length === 0;
  const depthwise = layers2.some((entry) => entry.className === "DepthwiseConv2D") ? " NOTE: tfjs-layers 4.22 runs DepthwiseConv2D without its dilation rate at inference, so TensorFlow.js evaluations of this checkpoint compute those layers undilated, unlike Keras." : "";
  const measured = `the largest output difference from the dilated ops is ${result.maxDifference.toExponential(2)} on a random ${shape} input (limit ${REWRITE_TOLERANCE.toExponential(0)})`;
  const gradientText = gradients ? `all ${result.variableCount} variables of these layers get finite gradients` : `these variables get no finite gradient: ${result.badGradients.join(", ")}`;
  return {
    id: DILATED_REWRITE_CHECK_ID,
    status: agrees && gradients ? "pass" : "fail",
    message: `Dilated layers ${names} are trained as space-to-batch, convolution with dilation 1 and batch-to-space; the saved checkpoint keeps their original config. ${capitalize2(measured)}, and ${gradientText}.${depthwise}`
  };
}
function runWith(model2, layers2, form, input) {
  const restore = installDilatedCalls(layers2, form);
  try {
    return tf19.tidy(() => firstOutput2(model2.predict(input)));
  } finally {
    restore();
  }
}
function checkGradients(model2, layers2, input, variables) {
  const restore = installDilatedCalls(layers2, "space-to-batch");
  try {
    const targets = variables.map((variable) => variable.read());
    const { value, grads } = tf19.variableGrads(
      () => tf19.sum(firstOutput2(model2.apply(input))),
      targets
    );
    value.dispose();
    const bad = targets.filter((variable) => {
      const gradient = grads[variable.name];
      return gradient === void 0 || !tf19.tidy(() => tf19.all(tf19.isFinite(gradient)).dataSync()[0]);
    }).map((variable) => variable.name);
    tf19.dispose(grads);
    return bad;
  } finally {
    restore();
  }
}
function firstOutput2(output) {
  return Array.isArray(output) ? output[0] : output;
}
function capitalize2(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
var DILATED_REWRITE_CHECK_ID, REWRITE_TOLERANCE;
var init_rewrite_check = __esm({
  "src/train/rewrite-check.ts"() {
    "use strict";
    init_dilated_layers();
    init_dilated_rewrite();
    DILATED_REWRITE_CHECK_ID = "training.contract.dilated-rewrite";
    REWRITE_TOLERANCE = 1e-5;
  }
});

// src/train/saved-loss.ts
function readSavedLoss(modelJson) {
  const topLevel = record2(modelJson.trainingConfig)?.["loss"];
  if (topLevel !== void 0) {
    return describeLoss(firstLoss(topLevel), "trainingConfig");
  }
  const nested = record2(record2(modelJson.modelTopology)?.["training_config"])?.["loss"];
  if (nested !== void 0) {
    return describeLoss(firstLoss(nested), "modelTopology.training_config");
  }
  return null;
}
function describeLoss(loss, field) {
  if (typeof loss === "string") {
    return { name: loss, encoding: encodingOf2(loss), fromLogits: null, field };
  }
  const serialized = record2(loss);
  const className2 = serialized?.["class_name"];
  if (typeof className2 !== "string") {
    return null;
  }
  const fromLogits = record2(serialized?.["config"])?.["from_logits"];
  return {
    name: className2,
    encoding: encodingOf2(className2),
    fromLogits: typeof fromLogits === "boolean" ? fromLogits : null,
    field
  };
}
function encodingOf2(name) {
  const key = name.toLowerCase();
  if (SPARSE_NAMES.has(key)) {
    return "sparse";
  }
  if (CATEGORICAL_NAMES.has(key)) {
    return "one-hot";
  }
  return null;
}
function firstLoss(loss) {
  if (Array.isArray(loss)) {
    return loss[0];
  }
  const map = record2(loss);
  if (map !== null && !("class_name" in map)) {
    return Object.values(map)[0];
  }
  return loss;
}
function record2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
}
var SPARSE_NAMES, CATEGORICAL_NAMES;
var init_saved_loss = __esm({
  "src/train/saved-loss.ts"() {
    "use strict";
    SPARSE_NAMES = /* @__PURE__ */ new Set(["sparse_categorical_crossentropy", "sparsecategoricalcrossentropy"]);
    CATEGORICAL_NAMES = /* @__PURE__ */ new Set(["categorical_crossentropy", "categoricalcrossentropy"]);
  }
});

// src/train/training-data.ts
async function loadTrainingData(samples, spec) {
  const examples = [];
  const problems = [];
  for (const sample of samples) {
    const loaded = await loadExample(sample, spec);
    if ("detail" in loaded) {
      problems.push(loaded);
    } else {
      examples.push(loaded);
    }
  }
  return { examples, problems };
}
async function loadExample(sample, spec) {
  const { result } = await readMask(sample.labelPath, spec.preprocess.maxPixels);
  if (result.kind === "not-class-ids") {
    const detail = `${result.encoding}, ${result.bitDepth}-bit: not a class-id image`;
    return { id: sample.id, path: sample.labelPath, detail };
  }
  const mask = spec.labelMap ? applyLabelMap(spec.labelMap, result.mask) : result.mask;
  const outOfRange = idsOutOfRange(mask.data, spec.numClasses, spec.ignoreIndex);
  if (outOfRange.length > 0) {
    const detail = `ids ${outOfRange.join(", ")} outside 0..${spec.numClasses - 1}`;
    return { id: sample.id, path: sample.labelPath, detail };
  }
  const preprocessed = await preprocessImage(sample.imagePath, spec.preprocess);
  const inputSize = spec.preprocess.inputSize;
  const labels = resizeLabels(mask, preprocessed.valid, inputSize, spec);
  return { id: sample.id, image: preprocessed.data, labels };
}
function resizeLabels(mask, valid, inputSize, spec) {
  const out = spec.outputSize;
  const covered = {
    width: Math.max(1, Math.round(valid.width * out.width / inputSize.width)),
    height: Math.max(1, Math.round(valid.height * out.height / inputSize.height))
  };
  const source = { width: mask.width, height: mask.height };
  const resized = resizeNearest(mask.data, source, source, covered);
  if (covered.width === out.width && covered.height === out.height) {
    return resized;
  }
  const labels = new Uint8Array(out.width * out.height).fill(spec.ignoreIndex);
  for (let y = 0; y < covered.height; y += 1) {
    labels.set(resized.subarray(y * covered.width, (y + 1) * covered.width), y * out.width);
  }
  return labels;
}
function idsOutOfRange(data, numClasses, ignoreIndex) {
  const seen = /* @__PURE__ */ new Set();
  for (const id of data) {
    if (id >= numClasses && id !== ignoreIndex) {
      seen.add(id);
    }
  }
  return [...seen].sort((a, b) => a - b);
}
var init_training_data = __esm({
  "src/train/training-data.ts"() {
    "use strict";
    init_label_map();
    init_mask();
    init_nearest();
    init_preprocess();
  }
});

// src/train/prepare.ts
async function prepareSession(settings, backend, loaded, logger) {
  const { parameters, evaluation } = settings;
  const geometry = modelGeometry(
    loaded.model,
    loaded.jsonPath,
    evaluation.input.inputSize,
    parameters.batchSize
  );
  const savedLoss = readSavedLoss(loaded.modelJson);
  const session = {
    settings,
    backend,
    loaded,
    geometry,
    savedLoss,
    loss: resolveLoss(parameters.loss, savedLoss),
    softmax: findFinalSoftmax(loaded.model),
    dilated: scanDilatedLayers(flattenLayers(loaded.model))
  };
  if (outputCheck(geometry.outputShape, evaluation.numClasses).status === "fail") {
    return { ...session, data: null };
  }
  return { ...session, data: await loadData(settings, geometry, logger) };
}
async function loadData(settings, geometry, logger) {
  const { evaluation } = settings;
  const dataset = await resolveDataset(settings.data, {
    limit: evaluation.limit,
    skipMissing: evaluation.skipMissing,
    onWarning: (message) => logger.warn(message)
  });
  const normalize = evaluation.input.normalize;
  if (normalize === null) {
    throw missingNormalizeError(settings.initialModel);
  }
  const [, height, width] = geometry.outputShape;
  logger.info(`training data: ${dataset.samples.length} images`);
  return loadTrainingData(dataset.samples, {
    preprocess: {
      inputSize: geometry.inputSize,
      layout: "nhwc",
      normalize,
      channelOrder: evaluation.input.channelOrder,
      resize: evaluation.input.resize,
      maxPixels: evaluation.maxPixels
    },
    outputSize: { width: width ?? 0, height: height ?? 0 },
    numClasses: evaluation.numClasses,
    ignoreIndex: evaluation.ignoreIndex,
    labelMap: evaluation.labelMap
  });
}
function preflightChecks(session) {
  const { settings, geometry, loss, savedLoss } = session;
  const { parameters, evaluation } = settings;
  const output = outputCheck(geometry.outputShape, evaluation.numClasses);
  if (session.data === null) {
    return [output];
  }
  const labelShape = parameters.labelEncoding === "sparse" ? geometry.outputShape.slice(0, 3) : [...geometry.outputShape.slice(0, 3), evaluation.numClasses];
  const data = session.data;
  return [
    output,
    labelsCheck(data.problems, data.examples.length, evaluation.numClasses, evaluation.ignoreIndex),
    labelShapeCheck(labelShape, geometry.outputShape, parameters.labelEncoding, loss, savedLoss),
    savedLossCheck(savedLoss, parameters.labelEncoding, loss, evaluation.numClasses),
    finalSoftmaxCheck(session.softmax, parameters.finalSoftmax),
    rewriteCheck(session)
  ];
}
function rewriteCheck(session) {
  const { dilated, geometry, loaded, settings } = session;
  if (dilated.rejected.length > 0 || dilated.rewritable.length === 0) {
    return dilatedRewriteCheck(dilated, null);
  }
  const inputShape = [1, geometry.inputSize.height, geometry.inputSize.width, 3];
  const verification = verifyDilatedRewrite(
    loaded.model,
    dilated.rewritable,
    inputShape,
    settings.parameters.seed
  );
  return dilatedRewriteCheck(dilated, verification);
}
var init_prepare = __esm({
  "src/train/prepare.ts"() {
    "use strict";
    init_resolve();
    init_normalize();
    init_dilated_layers();
    init_final_softmax();
    init_layer_walk();
    init_loss_choice();
    init_model_geometry();
    init_preflight();
    init_rewrite_check();
    init_saved_loss();
    init_training_data();
  }
});

// src/train/report.ts
function trainingVerdict(checks) {
  return checks.some((check) => check.status === "fail") ? "fail" : "pass";
}
function toolField() {
  return { name: "seg-gate", version: TOOL_VERSION };
}
async function writeTrainingReport(path, report) {
  const text = JSON.stringify(
    report,
    (_key, value) => typeof value === "number" && !Number.isFinite(value) ? null : value,
    2
  );
  await writeTextAtomic(path, `${text}
`);
}
var init_report = __esm({
  "src/train/report.ts"() {
    "use strict";
    init_write();
    init_version();
  }
});

// src/train/outcome.ts
function buildTrainingReport(outcome, evaluation, startedAt, totalMs) {
  const { session, loop } = outcome;
  const { settings, geometry } = session;
  const steps = loop?.records ?? [];
  const [, height, width] = geometry.outputShape;
  return {
    schemaVersion: 1,
    tool: toolField(),
    verdict: trainingVerdict(outcome.checks),
    initialModel: session.loaded.jsonPath,
    checkpoint: outcome.checkpoint,
    backend: { name: session.backend.name, source: session.backend.source },
    parameters: {
      ...settings.parameters,
      resolvedLoss: session.loss.name,
      labelEncoding: settings.parameters.labelEncoding
    },
    data: {
      examples: session.data?.examples.length ?? 0,
      inputSize: `${geometry.inputSize.width}x${geometry.inputSize.height}`,
      outputSize: width === void 0 || height === void 0 ? null : `${width}x${height}`
    },
    checks: outcome.checks,
    overfitProbe: outcome.probe ? { losses: outcome.probe.losses } : null,
    steps,
    evaluation: evaluation ? evaluationSummary(evaluation, settings) : null,
    timing: {
      startedAt: startedAt.toISOString(),
      totalMs,
      meanStepMs: steps.length > 0 ? steps.reduce((sum3, step) => sum3 + step.ms, 0) / steps.length : null
    }
  };
}
function evaluationSummary(result, settings) {
  return {
    verdict: result.report.verdict,
    exitCode: result.exitCode,
    miou: result.report.metrics?.miou ?? null,
    reportPath: settings.evaluation.reportPath
  };
}
var init_outcome = __esm({
  "src/train/outcome.ts"() {
    "use strict";
    init_report();
  }
});

// src/train/training-graph.ts
function prepareTrainingGraph(model2, softmax, dilated) {
  const stripped = stripFinalSoftmax(model2, softmax);
  const restoreCalls = installDilatedCalls(dilated, "space-to-batch");
  const variables = model2.trainableWeights.map((weight) => weight.read());
  return {
    forward: (images) => firstOutput3(stripped.model.apply(images)),
    variables,
    release: () => {
      restoreCalls();
      stripped.restore();
    }
  };
}
function firstOutput3(output) {
  return Array.isArray(output) ? output[0] : output;
}
var init_training_graph = __esm({
  "src/train/training-graph.ts"() {
    "use strict";
    init_dilated_rewrite();
    init_final_softmax();
  }
});

// src/train/run-train.ts
var run_train_exports = {};
__export(run_train_exports, {
  runTrain: () => runTrain
});
import { performance as performance7 } from "node:perf_hooks";
async function runTrain(settings, io2, hooks = {}) {
  const startedAt = /* @__PURE__ */ new Date();
  const start = performance7.now();
  await checkBeforeTraining(settings);
  const backend = await selectTrainingBackend(
    settings.evaluation.input.backend,
    io2.logger,
    hooks.backendCandidates
  );
  const loaded = await loadTrainableModel(settings.initialModel);
  let outcome;
  try {
    const session = await prepareSession(settings, backend, loaded, io2.logger);
    outcome = await trainSession(session, io2.logger, hooks);
  } finally {
    loaded.model.dispose();
  }
  const evaluation = outcome.passed ? await runEvaluate(settings.evaluation, io2) : null;
  const report = buildTrainingReport(outcome, evaluation, startedAt, performance7.now() - start);
  if (settings.trainingReportPath) {
    await writeTrainingReport(settings.trainingReportPath, report);
  }
  const exitCode = outcome.passed ? evaluation?.exitCode ?? ExitCode.pass : ExitCode.gateFailed;
  return { exitCode, report, evaluation };
}
async function checkBeforeTraining(settings) {
  const evaluation = settings.evaluation;
  const targets = [
    { option: "--output", path: settings.outputDir, kind: "folder" }
  ];
  const files = [
    ["--training-report", settings.trainingReportPath],
    ["--report", evaluation.reportPath],
    ["--summary", evaluation.summaryPath]
  ];
  for (const [option, path] of files) {
    if (path) {
      targets.push({ option, path, kind: "file" });
    }
  }
  await prepareOutputs(targets);
  await resolveDataset(evaluation.data, {
    limit: evaluation.limit,
    skipMissing: evaluation.skipMissing
  });
}
async function trainSession(session, logger, hooks) {
  const checks = preflightChecks(session);
  logChecks(checks, logger);
  const stopped = { session, probe: null, loop: null, checkpoint: null, passed: false };
  if (trainingVerdict(checks) === "fail" || session.data === null) {
    logger.warn("training stopped before the first step: a training.contract check failed.");
    return { ...stopped, checks };
  }
  const { model: model2 } = session.loaded;
  const graph = prepareTrainingGraph(
    model2,
    session.settings.parameters.finalSoftmax === "strip" ? session.softmax : { kind: "none" },
    session.dilated.rewritable
  );
  let probe;
  let loop = null;
  try {
    probe = await runProbeIfRequested(session, graph, logger, hooks);
    if (probe === null || probe.check.status !== "fail") {
      loop = await trainSteps(session, graph, logger, hooks);
    }
  } finally {
    graph.release();
  }
  const runChecks = [...checks, ...probe ? [probe.check] : [], ...loop?.checks ?? []];
  logChecks(runChecks.slice(checks.length), logger);
  if (trainingVerdict(runChecks) === "fail" || loop === null) {
    return { ...stopped, checks: runChecks, probe, loop };
  }
  return saveAndCheck(session, runChecks, probe, loop, logger);
}
async function runProbeIfRequested(session, graph, logger, hooks) {
  const { parameters } = session.settings;
  const examples = session.data?.examples ?? [];
  if (parameters.overfitProbe === null || examples.length === 0) {
    return null;
  }
  const picked = Array.from(
    { length: parameters.batchSize },
    (_, index) => examples[index % examples.length]
  );
  const batch = buildBatch(picked, batchShape(session));
  const optimizer = createOptimizer(parameters.optimizer, parameters.learningRate);
  try {
    return await runOverfitProbe({
      steps: parameters.overfitProbe,
      batch,
      step: createStepFunction(graph.forward, lossOf(session, hooks), optimizer, graph.variables),
      model: session.loaded.model,
      logger
    });
  } finally {
    batch.dispose();
    optimizer.dispose();
  }
}
async function trainSteps(session, graph, logger, hooks) {
  const { parameters, evaluation } = session.settings;
  const source = createBatchSource(
    session.data?.examples ?? [],
    { ...batchShape(session), batchSize: parameters.batchSize },
    parameters.seed
  );
  const optimizer = createOptimizer(parameters.optimizer, parameters.learningRate);
  logger.info(
    `training ${parameters.steps} steps of batch ${parameters.batchSize} with ${parameters.optimizer} (learning rate ${parameters.learningRate}) and ${session.loss.name} on ${session.backend.name}`
  );
  try {
    return await runTrainingLoop({
      steps: parameters.steps,
      nextBatch: () => source.next(),
      step: createStepFunction(graph.forward, lossOf(session, hooks), optimizer, graph.variables),
      variables: graph.variables,
      numClasses: evaluation.numClasses,
      firstLossFactor: parameters.firstLossFactor,
      learningRate: parameters.learningRate,
      logger
    });
  } finally {
    optimizer.dispose();
  }
}
async function saveAndCheck(session, checks, probe, loop, logger) {
  const { settings, geometry, loaded } = session;
  const checkpoint = await saveCheckpoint(loaded.model, settings.outputDir);
  logger.info(`saved the trained checkpoint to ${checkpoint}`);
  const inputShape = [1, geometry.inputSize.height, geometry.inputSize.width, 3];
  const reload = await checkReload(loaded.model, checkpoint, inputShape, settings.parameters.seed);
  logChecks([reload], logger);
  const all2 = [...checks, reload];
  return { session, checks: all2, probe, loop, checkpoint, passed: trainingVerdict(all2) === "pass" };
}
function lossOf(session, hooks) {
  const { parameters, evaluation } = session.settings;
  return buildLoss({
    name: session.loss.name,
    ignoreIndex: evaluation.ignoreIndex,
    classWeights: parameters.classWeights,
    reduction: hooks.lossReduction
  });
}
function batchShape(session) {
  const [, height, width] = session.geometry.outputShape;
  return {
    inputSize: session.geometry.inputSize,
    outputSize: { width: width ?? 0, height: height ?? 0 },
    encoding: session.settings.parameters.labelEncoding,
    numClasses: session.settings.evaluation.numClasses
  };
}
function logChecks(checks, logger) {
  for (const check of checks) {
    logger.info(`${check.status.toUpperCase()} ${check.id}: ${check.message}`);
  }
}
var init_run_train = __esm({
  "src/train/run-train.ts"() {
    "use strict";
    init_run_evaluate();
    init_resolve();
    init_prepare_outputs();
    init_errors();
    init_backend2();
    init_batches();
    init_checkpoint();
    init_load_model();
    init_loop();
    init_optimizer_step();
    init_overfit_probe();
    init_prepare();
    init_outcome();
    init_report();
    init_training_graph();
  }
});

// src/cli/main.ts
init_errors();
import { performance as performance8 } from "node:perf_hooks";

// src/cli/program.ts
init_errors();
init_version();
import { Command as Command3, CommanderError } from "commander";

// src/cli/evaluate-command.ts
import { Command, Option as Option2 } from "commander";

// src/config/config-file.ts
init_errors();
import { readFile as readFile2 } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { parseDocument } from "yaml";

// src/config/config-schema.ts
import { Ajv2020 } from "ajv/dist/2020.js";

// schemas/config.schema.json
var config_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:seg-gate:schema:config:1",
  title: "seg-gate evaluate config file",
  description: "Settings for `seg-gate evaluate`, read with --config FILE from JSON (.json) or YAML (.yml, .yaml). Each key except classThresholds is the camelCase form of a command-line option, and an option given on the command line overrides the key. Relative paths are resolved against the folder that contains the config file.",
  type: "object",
  additionalProperties: false,
  properties: {
    data: {
      title: "VOC dataset root",
      description: "VOC-layout dataset root containing JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/. Same as --data. Excludes images and labels.",
      type: "string",
      minLength: 1
    },
    split: {
      title: "Split name",
      description: "Split to evaluate: the ids in ImageSets/Segmentation/<split>.txt under data. Same as --split. Default: val. Excludes ids.",
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      examples: ["val", "train"]
    },
    ids: {
      title: "Ids file",
      description: "Text file of image ids to evaluate, one per line, used with data instead of split. Same as --ids.",
      type: "string",
      minLength: 1
    },
    images: {
      title: "Images folder",
      description: "Folder of input images named by image id, used with labels instead of data. Same as --images.",
      type: "string",
      minLength: 1
    },
    labels: {
      title: "Labels folder",
      description: "Folder of label masks (8-bit class ids) named by image id, used with images. Same as --labels.",
      type: "string",
      minLength: 1
    },
    limit: {
      title: "Image limit",
      description: "Evaluate only the first n ids of the list. Same as --limit. Default: all ids.",
      type: "integer",
      minimum: 1,
      maximum: 9007199254740991
    },
    skipMissing: {
      title: "Skip missing files",
      description: "Skip ids whose image or label file is missing instead of stopping. Same as --skip-missing. Default: false.",
      type: "boolean"
    },
    maxPixels: {
      title: "Maximum pixels per image",
      description: "Largest width x height, in pixels, accepted for any image, label or prediction. Same as --max-pixels. Default: 50000000.",
      type: "integer",
      minimum: 1,
      maximum: 9007199254740991
    },
    model: {
      title: "Model file",
      description: "Model to run: an ONNX file or a TensorFlow.js model.json. Same as --model. Exactly one of model and predictions is required.",
      type: "string",
      minLength: 1
    },
    predictions: {
      title: "Predictions folder",
      description: "Folder of saved prediction masks (class ids) to score instead of running a model. Same as --predictions.",
      type: "string",
      minLength: 1
    },
    numClasses: {
      title: "Class count",
      description: "Number of classes C, so class ids are 0..C-1. Same as --num-classes. Default: 21 (PASCAL VOC).",
      type: "integer",
      minimum: 2,
      maximum: 255
    },
    classNames: {
      title: "Class names",
      description: 'Class names in id order: an array of names, a comma-separated string ("a,b,c") or "@FILE" naming a file with one name per line. Same as --class-names. Default: the PASCAL VOC names when numClasses is 21, otherwise "class 0" to "class C-1".',
      type: ["array", "string"],
      items: { type: "string", minLength: 1 },
      minItems: 2,
      uniqueItems: true
    },
    ignoreIndex: {
      title: "Ignore index",
      description: "Label value left out of scoring (void pixels); must be at least numClasses. Same as --ignore-index. Default: 255.",
      type: "integer",
      minimum: 0,
      maximum: 255
    },
    labelMap: {
      title: "Label map",
      description: "Rewrite label ids before scoring: comma-separated SRC:DST pairs of ids 0 to 255, with * as SRC for every id not listed. The ignore index keeps its value unless it is listed, and numClasses counts the classes after the map. Same as --label-map. Default: labels as stored.",
      type: "string",
      pattern: "^\\s*(?:\\*|[0-9]+)\\s*:\\s*[0-9]+\\s*(?:,\\s*(?:\\*|[0-9]+)\\s*:\\s*[0-9]+\\s*)*$",
      examples: ["15:1,*:0"]
    },
    normalize: {
      title: "Input normalization",
      description: "Pixel scaling of the model input: tf (to [-1,1]), torch (to [0,1], then ImageNet mean and std), caffe (ImageNet mean subtracted), unit (to [0,1]) or none (raw 0..255). Same as --normalize. No default: running a model requires it.",
      enum: ["tf", "torch", "caffe", "unit", "none"]
    },
    channelOrder: {
      title: "Input channel order",
      description: "Channel order of the model input. Same as --channel-order. Default: rgb, or bgr when normalize is caffe.",
      enum: ["rgb", "bgr"]
    },
    inputSize: {
      title: "Input size",
      description: `Model input width and height in pixels as "WIDTHxHEIGHT". Same as --input-size. Default: the model's fixed input size.`,
      type: "string",
      pattern: "^[0-9]*[1-9][0-9]*x[0-9]*[1-9][0-9]*$",
      examples: ["513x513"]
    },
    resize: {
      title: "Resize mode",
      description: "How an image is fitted to the input size: stretch (aspect ratio not kept) or pad (aspect ratio kept, bottom and right padded). Same as --resize. Default: stretch.",
      enum: ["stretch", "pad"]
    },
    layout: {
      title: "Tensor layout",
      description: "Tensor layout of the model input and output: auto (decided from the model's shapes), nhwc or nchw. Same as --layout. Default: auto.",
      enum: ["auto", "nhwc", "nchw"]
    },
    upsample: {
      title: "Upsampling mode",
      description: "How model output is brought to the label size: logits (bilinear on the scores, then argmax) or classes (argmax, then nearest neighbour). Same as --upsample. Default: logits.",
      enum: ["logits", "classes"]
    },
    device: {
      title: "Device",
      description: "Where the model runs. Same as --device. Default: cpu.",
      enum: ["cpu", "cuda"]
    },
    threads: {
      title: "Runtime threads",
      description: "Intra-op threads of the model runtime. Same as --threads. Default: chosen by the runtime.",
      type: "integer",
      minimum: 1,
      maximum: 9007199254740991
    },
    backend: {
      title: "TensorFlow.js backend",
      description: "TensorFlow.js backend for a model.json model: tensorflow (needs @tensorflow/tfjs-node), wasm or cpu. Same as --backend. Default: the first of tensorflow, wasm and cpu that loads.",
      enum: ["tensorflow", "wasm", "cpu"]
    },
    threshold: {
      title: "Sigmoid threshold",
      description: "Probability above which a single-channel (sigmoid) output is class 1, used with numClasses 2; between 0 and 1, both excluded. Same as --threshold. Default: 0.5.",
      type: "number",
      exclusiveMinimum: 0,
      exclusiveMaximum: 1
    },
    checks: {
      title: "Check levels",
      description: "Levels of single checks by check id: fail (the check can fail the gate), warn (a failure only warns) or off (reported as skip). Same as --checks, which replaces this map. Default: every check at fail.",
      type: "object",
      properties: {
        "contract.labels.encoding": { $ref: "#/$defs/checkLevel" },
        "contract.labels.ids": { $ref: "#/$defs/checkLevel" },
        "contract.labels.size": { $ref: "#/$defs/checkLevel" },
        "contract.labels.interpolated": { $ref: "#/$defs/checkLevel" },
        "contract.labels.ignored-share": { $ref: "#/$defs/checkLevel" },
        "contract.predictions.encoding": { $ref: "#/$defs/checkLevel" },
        "contract.predictions.ids": { $ref: "#/$defs/checkLevel" },
        "contract.predictions.size": { $ref: "#/$defs/checkLevel" },
        "contract.predictions.constant": { $ref: "#/$defs/checkLevel" },
        "contract.model.layout": { $ref: "#/$defs/checkLevel" },
        "contract.model.channels": { $ref: "#/$defs/checkLevel" },
        "contract.model.output": { $ref: "#/$defs/checkLevel" },
        "contract.model.non-finite": { $ref: "#/$defs/checkLevel" },
        "contract.model.logit-magnitude": { $ref: "#/$defs/checkLevel" },
        "contract.model.batch-consistency": { $ref: "#/$defs/checkLevel" },
        "collapse.dominant-class": { $ref: "#/$defs/checkLevel" },
        "collapse.missing-classes": { $ref: "#/$defs/checkLevel" },
        "collapse.per-image": { $ref: "#/$defs/checkLevel" },
        "collapse.trivial-baseline": { $ref: "#/$defs/checkLevel" },
        "threshold.miou": { $ref: "#/$defs/checkLevel" },
        "threshold.class-iou": { $ref: "#/$defs/checkLevel" },
        "threshold.class-recall": { $ref: "#/$defs/checkLevel" },
        "regression.miou": { $ref: "#/$defs/checkLevel" },
        "regression.class-iou": { $ref: "#/$defs/checkLevel" }
      },
      additionalProperties: false
    },
    classThresholds: {
      title: "Per-class thresholds",
      description: "Minimum IoU and recall by class name, overriding minClassIou and minClassRecall for that class; null exempts the class and an absent key keeps the global minimum. Names must be class names of the run. No command-line option: set it in the config file. Default: none.",
      type: "object",
      additionalProperties: { $ref: "#/$defs/classThreshold" },
      examples: [{ person: { minIou: 0.5 }, bottle: { minRecall: null } }]
    },
    minMiou: {
      title: "Minimum mIoU",
      description: "Minimum mIoU, 0 to 1: threshold.miou fails below it. Same as --min-miou. Default: off.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    minClassIou: {
      title: "Minimum class IoU",
      description: "Minimum IoU of every scored class, 0 to 1: threshold.class-iou fails when a class is below it. Same as --min-class-iou. Default: off.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    minClassRecall: {
      title: "Minimum class recall",
      description: "Minimum recall of every class present in the labels, 0 to 1: threshold.class-recall fails when a class is below it. Same as --min-class-recall. Default: off.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    baseline: {
      title: "Baseline report",
      description: "JSON report of an earlier run (written with report) that the regression checks compare against. Same as --baseline. Default: none, so the regression checks are skipped.",
      type: "string",
      minLength: 1
    },
    maxMiouDrop: {
      title: "Maximum mIoU drop",
      description: "Largest mIoU drop from the baseline, in IoU units (0.01 is one point), 0 to 1: regression.miou fails when the drop is larger and its bootstrap interval lies below 0. Same as --max-miou-drop. Default: 0.01.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    maxClassIouDrop: {
      title: "Maximum class IoU drop",
      description: "Largest IoU drop from the baseline of a class scored in both runs, in IoU units, 0 to 1: regression.class-iou fails when a class drops more. Same as --max-class-iou-drop. Default: 0.1.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    bootstrapResamples: {
      title: "Bootstrap resamples",
      description: "Bootstrap resamples of the images for the interval of the mIoU difference. Same as --bootstrap-resamples. Default: 1000.",
      type: "integer",
      minimum: 1,
      maximum: 9007199254740991
    },
    bootstrapSeed: {
      title: "Bootstrap seed",
      description: "Seed of the bootstrap resampling; the same seed gives the same interval. Same as --bootstrap-seed. Default: 12345.",
      type: "integer",
      minimum: 0,
      maximum: 4294967295
    },
    dominantClassShare: {
      title: "Dominant class share",
      description: "Share of the predicted pixels, 0 to 1, from which one class counts as dominant: collapse.dominant-class fails when it also exceeds its labelled share by dominantClassExcess. Same as --dominant-class-share. Default: 0.95.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    dominantClassExcess: {
      title: "Dominant class excess",
      description: "Excess of a dominant class's predicted share over its labelled share, 0 to 1, from which collapse.dominant-class fails. Same as --dominant-class-excess. Default: 0.15.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    missingClassesFailFraction: {
      title: "Missing classes fail fraction",
      description: "Fraction of the classes present in the labels, 0 to 1: collapse.missing-classes fails when more than this fraction is never predicted, and warns for fewer. Same as --missing-classes-fail-fraction. Default: 0.5.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    singleClassImagesFailFraction: {
      title: "Single-class images fail fraction",
      description: "Fraction of the images with two or more labelled classes, 0 to 1: collapse.per-image fails when more than this fraction gets a single predicted class. Same as --single-class-images-fail-fraction. Default: 0.5.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    trivialMiouMargin: {
      title: "Trivial baseline margin",
      description: "Margin in IoU units, 0 to 1: collapse.trivial-baseline fails unless mIoU exceeds the mIoU of predicting the most frequent labelled class everywhere by at least this much. Same as --trivial-miou-margin. Default: 0.05.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    interpolatedMaxInterior: {
      title: "Interpolated labels: interior fraction",
      description: "contract.labels.interpolated counts a label id in one image as a border strip, as resizing labels bilinearly leaves, when fewer than this fraction (0 to 1) of its pixels there have four neighbours with the same id and interpolatedMinBetween holds. Same as --interpolated-max-interior. Default: 0.05.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    interpolatedMinBetween: {
      title: "Interpolated labels: between fraction",
      description: "Fraction (0 to 1) of the pixels of a border strip candidate that must lie strictly between the ids of two opposite neighbours for contract.labels.interpolated. Same as --interpolated-min-between. Default: 0.5.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    interpolatedMinPixels: {
      title: "Interpolated labels: minimum pixels",
      description: "contract.labels.interpolated fails for a label id whose border-strip pixels over the dataset reach this count. Same as --interpolated-min-pixels. Default: 50.",
      type: "integer",
      minimum: 0,
      maximum: 9007199254740991
    },
    ignoredShareWarn: {
      title: "Ignored share warning",
      description: "Share of label pixels at the ignore index, 0 to 1, above which contract.labels.ignored-share warns. Same as --ignored-share-warn. Default: 0.25.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    ignoredShareFail: {
      title: "Ignored share failure",
      description: "Share of label pixels at the ignore index, 0 to 1 and at least ignoredShareWarn, above which contract.labels.ignored-share fails. Same as --ignored-share-fail. Default: 0.5.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    maxAbsLogit: {
      title: "Maximum absolute logit",
      description: "Largest finite absolute value of the model output, above 0: contract.model.logit-magnitude fails when an output value is larger. Same as --max-abs-logit. Default: 1000.",
      type: "number",
      exclusiveMinimum: 0
    },
    constantMinImages: {
      title: "Constant predictions: minimum images",
      description: "Scored images needed before contract.predictions.constant applies. Same as --constant-min-images. Default: 3.",
      type: "integer",
      minimum: 2,
      maximum: 9007199254740991
    },
    report: {
      title: "Report file",
      description: "Write the JSON report to this file. Same as --report. Default: no report file.",
      type: "string",
      minLength: 1
    },
    summary: {
      title: "Summary file",
      description: "Write a Markdown summary of the results to this file. Same as --summary. Default: no summary file.",
      type: "string",
      minLength: 1
    },
    savePredictions: {
      title: "Prediction output folder",
      description: "Save each predicted class-id mask as a PNG file in this folder. Same as --save-predictions. Default: not saved.",
      type: "string",
      minLength: 1
    },
    progress: {
      title: "Progress display",
      description: "Progress display on stderr: auto (a bar on a terminal outside CI, lines otherwise), bar, lines or off. Same as --progress. Default: auto.",
      enum: ["auto", "bar", "lines", "off"]
    },
    overlays: {
      title: "Overlay count",
      description: "Draw the k images with the lowest per-image mIoU as PNGs (image, label and prediction side by side) in overlaysDir, which a count above 0 requires. Same as --overlays. Default: 0 (none).",
      type: "integer",
      minimum: 0,
      maximum: 9007199254740991
    },
    overlaysDir: {
      title: "Overlay folder",
      description: "Folder that the overlay PNGs are written to. Same as --overlays-dir. Default: none.",
      type: "string",
      minLength: 1
    }
  },
  $defs: {
    checkLevel: {
      description: "Level of one check: fail, warn or off.",
      enum: ["off", "warn", "fail"]
    },
    classThreshold: {
      type: "object",
      description: "Minimum IoU and recall of one class, 0 to 1; null exempts the class from the global minimum.",
      properties: {
        minIou: { type: ["number", "null"], minimum: 0, maximum: 1 },
        minRecall: { type: ["number", "null"], minimum: 0, maximum: 1 }
      },
      additionalProperties: false
    }
  }
};

// src/config/config-schema.ts
init_errors();
var validator = null;
function validateConfigContent(content, path) {
  const validate2 = compileValidator();
  if (validate2(content) && isRecord(content)) {
    return content;
  }
  const errors = validate2.errors ?? [];
  const lines = [...errors.map(formatSchemaError), ...knownKeyLines(errors)];
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  throw new UsageError(
    `Invalid config file ${path} (${count}):
${lines.map((line) => `  ${line}`).join("\n")}
Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting.`
  );
}
function formatSchemaError(error) {
  if (error.keyword === "additionalProperties") {
    const key = String(error.params["additionalProperty"]);
    const suggestion = closestKey(key, knownKeysOf(error));
    const hint = suggestion === null ? "" : ` (did you mean ${suggestion}?)`;
    return `${pointerOf(error.instancePath, key)}: unknown key${hint}`;
  }
  return `${error.instancePath === "" ? "(root)" : error.instancePath}: ${messageOf(error)}`;
}
function messageOf(error) {
  const message = error.message ?? error.keyword;
  if (error.keyword === "enum") {
    const allowed = error.params["allowedValues"];
    return Array.isArray(allowed) ? `must be one of ${allowed.join(", ")}` : message;
  }
  if (error.keyword === "type") {
    const type = error.params["type"];
    return Array.isArray(type) ? `must be ${type.join(" or ")}` : message;
  }
  if (error.keyword === "minLength" && error.params["limit"] === 1) {
    return "must not be empty";
  }
  if (error.keyword === "pattern") {
    const examples = error.parentSchema?.["examples"];
    const example = Array.isArray(examples) ? ` such as ${examples.join(" or ")}` : "";
    return `must match ${String(error.params["pattern"])}${example}`;
  }
  return message;
}
function knownKeyLines(errors) {
  const keysByPath = /* @__PURE__ */ new Map();
  for (const error of errors) {
    if (error.keyword === "additionalProperties" && !keysByPath.has(error.instancePath)) {
      keysByPath.set(error.instancePath, knownKeysOf(error));
    }
  }
  return [...keysByPath].map(([path, keys]) => {
    const owner = path === "" ? "" : ` of ${path}`;
    return `Known keys${owner}: ${keys.join(", ")}.`;
  });
}
function knownKeysOf(error) {
  const properties = error.parentSchema?.["properties"];
  if (typeof properties !== "object" || properties === null) {
    return [];
  }
  return Object.keys(properties);
}
function compileValidator() {
  if (validator === null) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, allowUnionTypes: true });
    validator = ajv.compile(config_schema_default);
  }
  return validator;
}
function pointerOf(parent, key) {
  return `${parent}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}
function closestKey(key, knownKeys) {
  let best = null;
  let bestDistance = 3;
  for (const known of knownKeys) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      current.push(Math.min(substitution, deletion, insertion));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/config/class-names.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

// src/dataset/classes.ts
var VOC_CLASS_NAMES = [
  "background",
  "aeroplane",
  "bicycle",
  "bird",
  "boat",
  "bottle",
  "bus",
  "car",
  "cat",
  "chair",
  "cow",
  "diningtable",
  "dog",
  "horse",
  "motorbike",
  "person",
  "pottedplant",
  "sheep",
  "sofa",
  "train",
  "tvmonitor"
];

// src/config/class-names.ts
init_errors();
function describeCount(numClasses) {
  const suffix = numClasses.isDefault ? " (the default)" : "";
  return `${numClasses.label} is ${numClasses.value}${suffix}`;
}
function parseClassNamesText(raw, option, base) {
  if (raw.startsWith("@")) {
    const path = raw.slice(1);
    if (path.trim() === "") {
      throw invalidOption(option, "a comma-separated list such as a,b,c or @FILE", raw);
    }
    return { kind: "file", path: resolve(base, path) };
  }
  return { kind: "list", names: raw.split(",").map((name) => name.trim()) };
}
function parseClassNamesFile(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
}
async function loadClassNames(source, option) {
  if (source.kind === "list") {
    return source.names.map((name) => name.trim());
  }
  let text;
  try {
    text = await readFile(source.path, "utf8");
  } catch (error) {
    throw new InputError(
      `Cannot read the class names file ${source.path} given by ${option}: ${errorMessage(error)}. Give @FILE as a readable text file with one class name per line.`
    );
  }
  return parseClassNamesFile(text);
}
function validateClassNames(names, option, numClasses) {
  const emptyAt = names.findIndex((name) => name === "");
  if (emptyAt >= 0) {
    throw new UsageError(
      `${option} has an empty name at id ${emptyAt}: remove the extra comma or give the class a name.`
    );
  }
  if (names.length !== numClasses.value) {
    const last = numClasses.value - 1;
    throw new UsageError(
      `${option} lists ${names.length} names but ${describeCount(numClasses)}: give one name for each class id 0..${last} in id order, or set the class count to ${names.length}.`
    );
  }
  const firstIdByName = /* @__PURE__ */ new Map();
  for (const [id, name] of names.entries()) {
    const firstId = firstIdByName.get(name);
    if (firstId !== void 0) {
      throw new UsageError(
        `${option} contains ${JSON.stringify(name)} twice, at ids ${firstId} and ${id}: class names must be unique so that per-class results can be told apart.`
      );
    }
    firstIdByName.set(name, id);
  }
  return names;
}
function defaultClassNames(numClasses) {
  if (numClasses === VOC_CLASS_NAMES.length) {
    return VOC_CLASS_NAMES;
  }
  return Array.from({ length: numClasses }, (_, id) => `class ${id}`);
}

// src/config/gate-values.ts
init_ids();
init_levels();
init_errors();

// src/config/relabel.ts
init_errors();
function relabelError(error, labels) {
  const names = Object.keys(labels);
  if (!(error instanceof UsageError) || names.length === 0) {
    return error;
  }
  const alternatives = names.map(escapeRegExp).join("|");
  const pattern = new RegExp(`(?<![\\w-])(?:${alternatives})(?![\\w-])`, "g");
  const message = error.message.replace(pattern, (name) => labels[name] ?? name);
  return new UsageError(message);
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/config/gate-values.ts
var LEVEL_PAIR = /^([^\s=]+)\s*=\s*(\S*)$/;
var LEVEL_PAIRS_EXPECTED = "comma-separated ID=LEVEL pairs with LEVEL off, warn or fail, for example collapse.per-image=warn,threshold.miou=off";
function parseCheckLevelsText(raw, option) {
  const levels = {};
  for (const token of raw.split(",").map((part) => part.trim())) {
    const match = LEVEL_PAIR.exec(token);
    if (match === null) {
      throw invalidOption(option, LEVEL_PAIRS_EXPECTED, token);
    }
    const [, id = "", level = ""] = match;
    if (Object.hasOwn(levels, id)) {
      throw invalidOption(option, `${LEVEL_PAIRS_EXPECTED}; ${id} is listed twice`, token);
    }
    levels[id] = level;
  }
  return toCheckLevels(levels, option);
}
function parseCheckLevelsConfig(value, option) {
  if (!isRecord2(value)) {
    throw new Error(`${option} is not an object. Check the config schema.`);
  }
  return toCheckLevels(value, option);
}
function parseClassThresholdsConfig(value, option) {
  if (!isRecord2(value)) {
    throw new Error(`${option} is not an object. Check the config schema.`);
  }
  const thresholds = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!isRecord2(entry)) {
      throw new Error(`${option} has a ${typeof entry} for ${name}. Check the config schema.`);
    }
    thresholds[name] = {
      ...optionalMinimum(entry, "minIou", `${name}.minIou in ${option}`),
      ...optionalMinimum(entry, "minRecall", `${name}.minRecall in ${option}`)
    };
  }
  return thresholds;
}
function toCheckLevels(levels, option) {
  for (const [id, level] of Object.entries(levels)) {
    if (!isCheckId(id)) {
      throw new UsageError(
        `Unknown check id ${JSON.stringify(id)} in ${option}. Known check ids: ${CHECK_IDS.join(", ")}.`
      );
    }
    if (!CHECK_LEVELS.some((known) => known === level)) {
      const expected = `one of ${CHECK_LEVELS.join(", ")} as the level of ${id}`;
      throw invalidOption(option, expected, level);
    }
  }
  try {
    return validateCheckLevels(levels);
  } catch (error) {
    throw relabelError(error, { "the check levels": option });
  }
}
function optionalMinimum(entry, key, label3) {
  const value = entry[key];
  if (value === void 0) {
    return {};
  }
  if (value !== null && typeof value !== "number") {
    throw new Error(
      `${label3} is a ${typeof value}, expected a number or null. Check the config schema.`
    );
  }
  return { [key]: value };
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/config/values.ts
init_label_map();
init_errors();
import { resolve as resolve2 } from "node:path";
init_settings();
var DIGITS = /^[0-9]+$/;
var SIZE = /^([0-9]+)x([0-9]+)$/;
var DECIMAL = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
var LABEL_MAP_PATTERN = /^\s*(?:\*|[0-9]+)\s*:\s*[0-9]+\s*(?:,\s*(?:\*|[0-9]+)\s*:\s*[0-9]+\s*)*$/;
var SPLIT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function describeIntegerRange(minimum, maximum) {
  if (maximum === Number.MAX_SAFE_INTEGER) {
    return `an integer of at least ${minimum}`;
  }
  return `an integer from ${minimum} to ${maximum}`;
}
function parseIntegerText(raw, option, minimum, maximum) {
  const expected = describeIntegerRange(minimum, maximum);
  if (!DIGITS.test(raw)) {
    throw invalidOption(option, expected, raw);
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw invalidOption(option, expected, raw);
  }
  return value;
}
function describeNumberRange(range) {
  const { minimum, maximum } = range;
  if (maximum === null) {
    return range.exclusiveMinimum ? `a number above ${minimum}` : `a number of at least ${minimum}`;
  }
  if (!range.exclusiveMinimum && !range.exclusiveMaximum) {
    return `a number from ${minimum} to ${maximum}`;
  }
  const lower = range.exclusiveMinimum ? `above ${minimum}` : `of at least ${minimum}`;
  const upper = range.exclusiveMaximum ? `below ${maximum}` : `at most ${maximum}`;
  return `a number ${lower} and ${upper}`;
}
function parseNumberText(raw, option, range) {
  if (!DECIMAL.test(raw)) {
    throw invalidOption(option, describeNumberRange(range), raw);
  }
  const value = Number(raw);
  if (!isInRange(value, range)) {
    throw invalidOption(option, describeNumberRange(range), raw);
  }
  return value;
}
function checkNumberInRange(value, option, range) {
  if (!isInRange(value, range)) {
    throw invalidOption(option, describeNumberRange(range), value);
  }
  return value;
}
function isInRange(value, range) {
  if (!Number.isFinite(value)) {
    return false;
  }
  const aboveMinimum = range.exclusiveMinimum ? value > range.minimum : value >= range.minimum;
  if (!aboveMinimum || range.maximum === null) {
    return aboveMinimum;
  }
  return range.exclusiveMaximum ? value < range.maximum : value <= range.maximum;
}
function parseEnumText(raw, option, values) {
  const match = values.find((value) => value === raw);
  if (match === void 0) {
    throw invalidOption(option, `one of ${values.join(", ")}`, raw);
  }
  return match;
}
function parseSizeText(raw, option) {
  const expected = "WIDTHxHEIGHT in pixels, both at least 1, for example 513x513";
  const match = SIZE.exec(raw);
  if (match === null) {
    throw invalidOption(option, expected, raw);
  }
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw invalidOption(option, expected, raw);
  }
  return { width, height };
}
function parsePathText(raw, option, target, base) {
  if (raw.trim() === "") {
    throw invalidOption(option, `a ${target} path`, raw);
  }
  return resolve2(base, raw);
}
function parseSplitText(raw, option) {
  if (!SPLIT_NAME_PATTERN.test(raw)) {
    throw invalidOption(
      option,
      'a split name made of letters, digits, ".", "_" and "-", such as val or train',
      raw
    );
  }
  return raw;
}
function parseLabelMapText(raw, option) {
  try {
    parseLabelMap(raw, DEFAULT_IGNORE_INDEX);
  } catch (error) {
    throw relabelError(error, { "--label-map": option });
  }
  return raw;
}

// src/config/setting-spec.ts
function integerSetting(text) {
  const { minimum, maximum } = text;
  return {
    ...valueText(text),
    domain: { type: "integer", minimum, maximum },
    parseCli: (raw, context) => parseIntegerText(expectString(raw, context), context.label, minimum, maximum),
    parseConfig: (value, context) => expectNumber(value, context)
  };
}
function numberSetting(text) {
  const { range } = text;
  return {
    ...valueText(text),
    domain: { type: "number", ...range },
    parseCli: (raw, context) => parseNumberText(expectString(raw, context), context.label, range),
    parseConfig: (value, context) => checkNumberInRange(expectNumber(value, context), context.label, range)
  };
}
function enumSetting(text) {
  const { values } = text;
  return {
    ...valueText(text),
    domain: { type: "enum", values },
    parseCli: (raw, context) => parseEnumText(expectString(raw, context), context.label, values),
    parseConfig: (value, context) => parseEnumText(expectString(value, context), context.label, values)
  };
}
function pathSetting(text) {
  const { target } = text;
  const parse = (raw, context) => parsePathText(raw, context.label, target, context.base);
  return {
    ...valueText(text),
    domain: { type: "path", target },
    parseCli: (raw, context) => parse(expectString(raw, context), context),
    parseConfig: (value, context) => parse(expectString(value, context), context)
  };
}
function textSetting(text) {
  const { pattern, parse } = text;
  return {
    ...valueText(text),
    domain: { type: "text", pattern },
    parseCli: (raw, context) => parse(expectString(raw, context), context.label),
    parseConfig: (value, context) => parse(expectString(value, context), context.label)
  };
}
function sizeSetting(text) {
  return {
    ...valueText(text),
    domain: { type: "size" },
    parseCli: (raw, context) => parseSizeText(expectString(raw, context), context.label),
    parseConfig: (value, context) => parseSizeText(expectString(value, context), context.label)
  };
}
function classNamesSetting(text) {
  return {
    ...valueText(text),
    domain: { type: "classNames" },
    parseCli: (raw, context) => parseClassNamesText(expectString(raw, context), context.label, context.base),
    parseConfig: (value, context) => {
      if (Array.isArray(value) && value.every((name) => typeof name === "string")) {
        return { kind: "list", names: value };
      }
      return parseClassNamesText(expectString(value, context), context.label, context.base);
    }
  };
}
function checkLevelsSetting(text) {
  return {
    ...valueText(text),
    domain: { type: "checkLevels" },
    parseCli: (raw, context) => parseCheckLevelsText(expectString(raw, context), context.label),
    parseConfig: (value, context) => parseCheckLevelsConfig(value, context.label)
  };
}
function classThresholdsSetting(text) {
  return {
    configKey: text.configKey,
    flag: null,
    valueName: null,
    help: text.help,
    negatedHelp: null,
    helpGroup: text.helpGroup,
    domain: { type: "classThresholds" },
    parseCli: (_raw, context) => {
      throw new Error(`${context.label} has no command-line form. Check the settings table.`);
    },
    parseConfig: (value, context) => parseClassThresholdsConfig(value, context.label)
  };
}
function switchSetting(text) {
  return {
    configKey: configKeyOf(text.flag),
    flag: text.flag,
    valueName: null,
    help: text.help,
    negatedHelp: text.negatedHelp,
    helpGroup: text.helpGroup,
    domain: { type: "switch" },
    parseCli: (raw, context) => expectBoolean(raw, context),
    parseConfig: (value, context) => expectBoolean(value, context)
  };
}
function configKeyOf(flag) {
  return flag.replace(/^--/, "").replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
}
function settingLabel(spec, origin) {
  if (origin.kind === "config") {
    return `${spec.configKey} in ${origin.path}`;
  }
  return spec.flag ?? spec.configKey;
}
function valueLabel(table2, values, key) {
  return settingLabel(table2[key], values[key]?.origin ?? { kind: "default" });
}
function valueText(text) {
  return {
    configKey: configKeyOf(text.flag),
    flag: text.flag,
    valueName: text.valueName,
    help: text.help,
    negatedHelp: null,
    helpGroup: text.helpGroup
  };
}
function expectString(value, context) {
  if (typeof value !== "string") {
    throw new Error(
      `${context.label} is a ${typeof value}, expected a string. Check the settings table.`
    );
  }
  return value;
}
function expectNumber(value, context) {
  if (typeof value !== "number") {
    throw new Error(
      `${context.label} is a ${typeof value}, expected a number. Check the settings table.`
    );
  }
  return value;
}
function expectBoolean(value, context) {
  if (typeof value !== "boolean") {
    throw new Error(
      `${context.label} is a ${typeof value}, expected a boolean. Check the settings table.`
    );
  }
  return value;
}

// src/config/config-file.ts
var CONFIG_EXTENSIONS = {
  ".json": "json",
  ".yml": "yaml",
  ".yaml": "yaml"
};
async function readConfigFile(path) {
  const format = configFormatOf(path);
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (error) {
    throw new InputError(
      `Cannot read config file ${path}: ${errorMessage(error)}. Check the path given to --config.`
    );
  }
  const content = format === "json" ? parseJson(text, path) : parseYaml(text, path);
  return validateConfigContent(content, path);
}
function configValues(content, table2, path) {
  const origin = { kind: "config", path };
  const context = { base: dirname(path) };
  const values = {};
  for (const key of Object.keys(table2)) {
    const raw = content[key];
    if (raw === void 0) {
      continue;
    }
    const spec = table2[key];
    const value = spec.parseConfig(raw, { ...context, label: settingLabel(spec, origin) });
    values[key] = { value, origin };
  }
  return values;
}
function configFormatOf(path) {
  const extension = extname(path).toLowerCase();
  if (!Object.hasOwn(CONFIG_EXTENSIONS, extension)) {
    throw invalidOption("--config", "a file ending in .json, .yml or .yaml", path);
  }
  return CONFIG_EXTENSIONS[extension];
}
function parseJson(text, path) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `Cannot parse config file ${path} as JSON: ${describeJsonError(errorMessage(error), text)}. Fix the syntax, or use a .yml file for YAML.`
    );
  }
}
function describeJsonError(message, text) {
  const position = /at position (\d+)/.exec(message);
  if (position === null || /\(line \d+/.test(message)) {
    return message;
  }
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}
function parseYaml(text, path) {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((error) => `  ${error.message.split("\n")[0]}`);
    throw new UsageError(
      `Cannot parse config file ${path} as YAML:
${lines.join("\n")}
Fix the YAML syntax at these lines.`
    );
  }
  return document.toJS();
}

// src/config/gate-options.ts
init_defaults();
var FRACTION_RANGE = {
  minimum: 0,
  exclusiveMinimum: false,
  maximum: 1,
  exclusiveMaximum: false
};
var POSITIVE_RANGE = {
  minimum: 0,
  exclusiveMinimum: true,
  maximum: null,
  exclusiveMaximum: false
};
var MAX_BOOTSTRAP_SEED = 2 ** 32 - 1;
var MIN_CONSTANT_IMAGES = 2;
var ANY_COUNT = Number.MAX_SAFE_INTEGER;
var GROUP = "Gate options:";
var collapse = DEFAULT_COLLAPSE_OPTIONS;
var imageAnalysis = DEFAULT_IMAGE_ANALYSIS_OPTIONS;
var regression = DEFAULT_REGRESSION_OPTIONS;
var GATE_OPTIONS = {
  checks: checkLevelsSetting({
    flag: "--checks",
    valueName: "<id=level,...>",
    helpGroup: GROUP,
    help: "Levels of single checks as comma-separated ID=LEVEL pairs, for example collapse.per-image=warn,threshold.miou=off. LEVEL is fail (the check can fail the gate), warn (a failure only warns) or off (reported as skip). Replaces the checks map of --config. Default: every check at fail."
  }),
  classThresholds: classThresholdsSetting({
    configKey: "classThresholds",
    helpGroup: GROUP,
    help: "Per-class minimum IoU and recall by class name, overriding --min-class-iou and --min-class-recall, for example { person: { minIou: 0.5 }, bottle: { minRecall: null } }; null exempts the class. Config file only. Default: none."
  }),
  minMiou: numberSetting({
    flag: "--min-miou",
    valueName: "<iou>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: "Minimum mIoU, 0 to 1: threshold.miou fails below it. Default: off."
  }),
  minClassIou: numberSetting({
    flag: "--min-class-iou",
    valueName: "<iou>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: "Minimum IoU of every scored class, 0 to 1: threshold.class-iou fails when a class is below it. Default: off."
  }),
  minClassRecall: numberSetting({
    flag: "--min-class-recall",
    valueName: "<recall>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: "Minimum recall of every class present in the labels, 0 to 1: threshold.class-recall fails when a class is below it. Default: off."
  }),
  baseline: pathSetting({
    flag: "--baseline",
    valueName: "<file>",
    target: "file",
    helpGroup: GROUP,
    help: "JSON report of an earlier run (written with --report) that the regression checks compare against. Default: none, so the regression checks are skipped."
  }),
  maxMiouDrop: numberSetting({
    flag: "--max-miou-drop",
    valueName: "<iou>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Largest mIoU drop from the baseline, in IoU units (0.01 is one point), 0 to 1: regression.miou fails when the drop is larger and its bootstrap interval lies below 0. Default: ${regression.maxMiouDrop}.`
  }),
  maxClassIouDrop: numberSetting({
    flag: "--max-class-iou-drop",
    valueName: "<iou>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Largest IoU drop from the baseline of a class scored in both runs, in IoU units, 0 to 1: regression.class-iou fails when a class drops more. Default: ${regression.maxClassIouDrop}.`
  }),
  bootstrapResamples: integerSetting({
    flag: "--bootstrap-resamples",
    valueName: "<n>",
    minimum: 1,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help: `Bootstrap resamples of the images for the interval of the mIoU difference, at least 1. Default: ${regression.resamples}.`
  }),
  bootstrapSeed: integerSetting({
    flag: "--bootstrap-seed",
    valueName: "<n>",
    minimum: 0,
    maximum: MAX_BOOTSTRAP_SEED,
    helpGroup: GROUP,
    help: `Seed of the bootstrap resampling, 0 to ${MAX_BOOTSTRAP_SEED}; the same seed gives the same interval. Default: ${regression.seed}.`
  }),
  dominantClassShare: numberSetting({
    flag: "--dominant-class-share",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Share of the predicted pixels, 0 to 1, from which one class counts as dominant: collapse.dominant-class fails when it also exceeds its labelled share by --dominant-class-excess. Default: ${collapse.dominantShare}.`
  }),
  dominantClassExcess: numberSetting({
    flag: "--dominant-class-excess",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Excess of a dominant class's predicted share over its labelled share, 0 to 1, from which collapse.dominant-class fails. Default: ${collapse.dominantExcess}.`
  }),
  missingClassesFailFraction: numberSetting({
    flag: "--missing-classes-fail-fraction",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Fraction of the classes present in the labels, 0 to 1: collapse.missing-classes fails when more than this fraction is never predicted, and warns for fewer. Default: ${collapse.missingClassesFailFraction}.`
  }),
  singleClassImagesFailFraction: numberSetting({
    flag: "--single-class-images-fail-fraction",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Fraction of the images with two or more labelled classes, 0 to 1: collapse.per-image fails when more than this fraction gets a single predicted class. Default: ${collapse.singleClassImagesFailFraction}.`
  }),
  trivialMiouMargin: numberSetting({
    flag: "--trivial-miou-margin",
    valueName: "<iou>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Margin in IoU units, 0 to 1: collapse.trivial-baseline fails unless mIoU exceeds the mIoU of predicting the most frequent labelled class everywhere by at least this much. Default: ${collapse.trivialMiouMargin}.`
  }),
  interpolatedMaxInterior: numberSetting({
    flag: "--interpolated-max-interior",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `contract.labels.interpolated counts a label id in one image as a border strip, as resizing labels bilinearly leaves, when fewer than this fraction (0 to 1) of its pixels there have four neighbours with the same id and --interpolated-min-between holds. Default: ${imageAnalysis.maxInteriorFraction}.`
  }),
  interpolatedMinBetween: numberSetting({
    flag: "--interpolated-min-between",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Fraction (0 to 1) of the pixels of a border strip candidate that must lie strictly between the ids of two opposite neighbours for contract.labels.interpolated. Default: ${imageAnalysis.minBetweenFraction}.`
  }),
  interpolatedMinPixels: integerSetting({
    flag: "--interpolated-min-pixels",
    valueName: "<n>",
    minimum: 0,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help: `contract.labels.interpolated fails for a label id whose border-strip pixels over the dataset reach this count, at least 0. Default: ${imageAnalysis.interpolatedMinPixels}.`
  }),
  ignoredShareWarn: numberSetting({
    flag: "--ignored-share-warn",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Share of label pixels at the ignore index, 0 to 1, above which contract.labels.ignored-share warns. Default: ${imageAnalysis.ignoredShareWarn}.`
  }),
  ignoredShareFail: numberSetting({
    flag: "--ignored-share-fail",
    valueName: "<fraction>",
    range: FRACTION_RANGE,
    helpGroup: GROUP,
    help: `Share of label pixels at the ignore index, 0 to 1 and at least --ignored-share-warn, above which contract.labels.ignored-share fails. Default: ${imageAnalysis.ignoredShareFail}.`
  }),
  maxAbsLogit: numberSetting({
    flag: "--max-abs-logit",
    valueName: "<value>",
    range: POSITIVE_RANGE,
    helpGroup: GROUP,
    help: `Largest finite absolute value of the model output, above 0: contract.model.logit-magnitude fails when an output value is larger. Default: ${imageAnalysis.maxAbsLogit}.`
  }),
  constantMinImages: integerSetting({
    flag: "--constant-min-images",
    valueName: "<n>",
    minimum: MIN_CONSTANT_IMAGES,
    maximum: ANY_COUNT,
    helpGroup: GROUP,
    help: `Scored images needed before contract.predictions.constant applies, at least ${MIN_CONSTANT_IMAGES}. Default: ${imageAnalysis.constantMinImages}.`
  })
};

// src/config/evaluate-options.ts
init_settings();
var MAX_NUM_CLASSES = 255;
var MIN_NUM_CLASSES = 2;
var MAX_IGNORE_INDEX = 255;
var DEFAULT_CHANNEL_ORDER = "rgb";
var DEFAULT_RESIZE = "stretch";
var DEFAULT_LAYOUT = "auto";
var DEFAULT_UPSAMPLE = "logits";
var DEFAULT_DEVICE = "cpu";
var DEFAULT_PROGRESS = "auto";
var ANY_COUNT2 = Number.MAX_SAFE_INTEGER;
var OPEN_UNIT_RANGE = {
  minimum: 0,
  exclusiveMinimum: true,
  maximum: 1,
  exclusiveMaximum: true
};
var EVALUATE_OPTIONS = {
  data: pathSetting({
    flag: "--data",
    valueName: "<dir>",
    target: "folder",
    helpGroup: "Dataset options:",
    help: "VOC-layout dataset root containing JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/. Pick the ids with --split or --ids."
  }),
  split: textSetting({
    flag: "--split",
    valueName: "<name>",
    pattern: SPLIT_NAME_PATTERN,
    parse: parseSplitText,
    helpGroup: "Dataset options:",
    help: `Split to evaluate: the ids in ImageSets/Segmentation/<name>.txt under --data. Default: ${DEFAULT_SPLIT}.`
  }),
  ids: pathSetting({
    flag: "--ids",
    valueName: "<file>",
    target: "file",
    helpGroup: "Dataset options:",
    help: "Text file of image ids to evaluate, one per line, used with --data instead of --split."
  }),
  images: pathSetting({
    flag: "--images",
    valueName: "<dir>",
    target: "folder",
    helpGroup: "Dataset options:",
    help: "Folder of input images named by image id, used with --labels instead of --data."
  }),
  labels: pathSetting({
    flag: "--labels",
    valueName: "<dir>",
    target: "folder",
    helpGroup: "Dataset options:",
    help: "Folder of label masks (8-bit class ids) named by image id, used with --images."
  }),
  limit: integerSetting({
    flag: "--limit",
    valueName: "<n>",
    minimum: 1,
    maximum: ANY_COUNT2,
    helpGroup: "Dataset options:",
    help: "Evaluate only the first n ids of the list. Default: all ids."
  }),
  skipMissing: switchSetting({
    flag: "--skip-missing",
    helpGroup: "Dataset options:",
    help: "Skip ids whose image or label file is missing instead of stopping. Default: off.",
    negatedHelp: "Stop at a missing image or label file, overriding skipMissing in --config."
  }),
  maxPixels: integerSetting({
    flag: "--max-pixels",
    valueName: "<n>",
    minimum: 1,
    maximum: ANY_COUNT2,
    helpGroup: "Dataset options:",
    help: `Largest width x height, in pixels, accepted for any image, label or prediction. Default: ${DEFAULT_MAX_PIXELS}.`
  }),
  model: pathSetting({
    flag: "--model",
    valueName: "<file>",
    target: "file",
    helpGroup: "Model options:",
    help: "Model to run: an ONNX file or a TensorFlow.js model.json. Give exactly one of --model and --predictions."
  }),
  predictions: pathSetting({
    flag: "--predictions",
    valueName: "<dir>",
    target: "folder",
    helpGroup: "Model options:",
    help: "Folder of saved prediction masks (class ids) to score instead of running a model."
  }),
  numClasses: integerSetting({
    flag: "--num-classes",
    valueName: "<n>",
    minimum: MIN_NUM_CLASSES,
    maximum: MAX_NUM_CLASSES,
    helpGroup: "Class options:",
    help: `Number of classes C, so class ids are 0..C-1; ${MIN_NUM_CLASSES} to ${MAX_NUM_CLASSES}. Default: ${DEFAULT_NUM_CLASSES} (PASCAL VOC).`
  }),
  classNames: classNamesSetting({
    flag: "--class-names",
    valueName: "<names>",
    helpGroup: "Class options:",
    help: `Class names in id order: a comma-separated list (a,b,c) or @FILE with one name per line. Default: the PASCAL VOC names when C is ${DEFAULT_NUM_CLASSES}, otherwise "class 0" to "class C-1".`
  }),
  ignoreIndex: integerSetting({
    flag: "--ignore-index",
    valueName: "<id>",
    minimum: 0,
    maximum: MAX_IGNORE_INDEX,
    helpGroup: "Class options:",
    help: `Label value left out of scoring (void pixels), 0 to ${MAX_IGNORE_INDEX}; must be at least C because ids below C are classes. Default: ${DEFAULT_IGNORE_INDEX}.`
  }),
  labelMap: textSetting({
    flag: "--label-map",
    valueName: "<src:dst,...>",
    pattern: LABEL_MAP_PATTERN,
    parse: parseLabelMapText,
    helpGroup: "Class options:",
    help: "Rewrite label ids before scoring: comma-separated SRC:DST pairs of ids 0 to 255, with * as SRC for every id not listed, for example 15:1,*:0. The ignore index keeps its value unless it is listed, and C counts the classes after the map. Default: labels as stored."
  }),
  normalize: enumSetting({
    flag: "--normalize",
    valueName: "<mode>",
    values: NORMALIZE_MODES,
    helpGroup: "Model input options:",
    help: "Pixel scaling of the model input: tf (to [-1,1]), torch (to [0,1], then ImageNet mean and std), caffe (ImageNet mean subtracted, no scaling), unit (to [0,1]) or none (raw 0..255). No default: running a model requires it."
  }),
  channelOrder: enumSetting({
    flag: "--channel-order",
    valueName: "<order>",
    values: CHANNEL_ORDERS,
    helpGroup: "Model input options:",
    help: `Channel order of the model input: rgb or bgr. Default: ${DEFAULT_CHANNEL_ORDER}, or bgr with --normalize caffe.`
  }),
  inputSize: sizeSetting({
    flag: "--input-size",
    valueName: "<WxH>",
    helpGroup: "Model input options:",
    help: "Model input width and height in pixels, for example 513x513. Default: the model's fixed input size."
  }),
  resize: enumSetting({
    flag: "--resize",
    valueName: "<mode>",
    values: RESIZE_MODES,
    helpGroup: "Model input options:",
    help: `How an image is fitted to the input size: stretch (aspect ratio not kept) or pad (aspect ratio kept, bottom and right padded). Default: ${DEFAULT_RESIZE}.`
  }),
  layout: enumSetting({
    flag: "--layout",
    valueName: "<layout>",
    values: LAYOUTS,
    helpGroup: "Model input options:",
    help: `Tensor layout of the model input and output: auto (decided from the model's shapes), nhwc or nchw. Default: ${DEFAULT_LAYOUT}.`
  }),
  upsample: enumSetting({
    flag: "--upsample",
    valueName: "<mode>",
    values: UPSAMPLE_MODES,
    helpGroup: "Model input options:",
    help: `How model output is brought to the label size: logits (bilinear on the scores, then argmax) or classes (argmax, then nearest neighbour). Default: ${DEFAULT_UPSAMPLE}.`
  }),
  device: enumSetting({
    flag: "--device",
    valueName: "<device>",
    values: DEVICES,
    helpGroup: "Model input options:",
    help: `Where the model runs: cpu or cuda. Default: ${DEFAULT_DEVICE}.`
  }),
  threads: integerSetting({
    flag: "--threads",
    valueName: "<n>",
    minimum: 1,
    maximum: ANY_COUNT2,
    helpGroup: "Model input options:",
    help: "Intra-op threads of the model runtime. Default: chosen by the runtime."
  }),
  backend: enumSetting({
    flag: "--backend",
    valueName: "<backend>",
    values: BACKENDS,
    helpGroup: "Model input options:",
    help: "TensorFlow.js backend for a model.json model: tensorflow (needs @tensorflow/tfjs-node), wasm or cpu. Default: the first of tensorflow, wasm and cpu that loads."
  }),
  threshold: numberSetting({
    flag: "--threshold",
    valueName: "<p>",
    range: OPEN_UNIT_RANGE,
    helpGroup: "Model input options:",
    help: `Probability above which a single-channel (sigmoid) output is class 1, used with --num-classes 2; between 0 and 1, both excluded. Default: ${DEFAULT_THRESHOLD}.`
  }),
  ...GATE_OPTIONS,
  report: pathSetting({
    flag: "--report",
    valueName: "<file>",
    target: "file",
    helpGroup: "Output options:",
    help: "Write the JSON report to this file. Default: no report file."
  }),
  summary: pathSetting({
    flag: "--summary",
    valueName: "<file>",
    target: "file",
    helpGroup: "Output options:",
    help: "Write a Markdown summary of the results to this file. Default: no summary file."
  }),
  savePredictions: pathSetting({
    flag: "--save-predictions",
    valueName: "<dir>",
    target: "folder",
    helpGroup: "Output options:",
    help: "Save each predicted class-id mask as a PNG file in this folder. Default: not saved."
  }),
  progress: enumSetting({
    flag: "--progress",
    valueName: "<mode>",
    values: PROGRESS_MODES,
    helpGroup: "Output options:",
    help: `Progress display on stderr: auto (a bar on a terminal outside CI, lines otherwise), bar, lines or off. Default: ${DEFAULT_PROGRESS}.`
  }),
  overlays: integerSetting({
    flag: "--overlays",
    valueName: "<k>",
    minimum: 0,
    maximum: ANY_COUNT2,
    helpGroup: "Output options:",
    help: "Draw the k images with the lowest per-image mIoU as PNGs (image, label and prediction side by side) in --overlays-dir, which k above 0 requires. Default: 0 (none)."
  }),
  overlaysDir: pathSetting({
    flag: "--overlays-dir",
    valueName: "<dir>",
    target: "folder",
    helpGroup: "Output options:",
    help: "Folder that the overlay PNGs of --overlays are written to. Default: none."
  })
};
var EVALUATE_EXCLUSIVE_GROUPS = [
  {
    alternatives: [
      ["data", "split", "ids"],
      ["images", "labels"]
    ],
    rule: "give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."
  },
  {
    alternatives: [["split"], ["ids"]],
    rule: "both pick the ids to evaluate, so give --split NAME for ImageSets/Segmentation/NAME.txt or --ids FILE for a list of your own."
  },
  {
    alternatives: [["model"], ["predictions"]],
    rule: "give --model FILE to run a model, or --predictions DIR to score saved prediction masks."
  }
];

// src/config/merge.ts
init_errors();
function mergeSettingValues(config, cli, groups) {
  const merged = { ...config };
  for (const group of groups) {
    const chosen = group.alternatives.filter((keys) => keys.some((key) => cli[key] !== void 0));
    for (const other of group.alternatives) {
      if (chosen.length > 0 && !chosen.includes(other)) {
        for (const key of other) {
          delete merged[key];
        }
      }
    }
  }
  for (const key of Object.keys(cli)) {
    merged[key] = cli[key];
  }
  return merged;
}
function checkExclusiveGroups(values, groups, table2) {
  for (const group of groups) {
    const setKeys = group.alternatives.map((keys) => keys.find((key) => values[key] !== void 0));
    const conflict = setKeys.filter((key) => key !== void 0);
    if (conflict.length < 2) {
      continue;
    }
    const [first, second] = conflict;
    if (first !== void 0 && second !== void 0) {
      throw new UsageError(
        `${describePair(values, table2, first, second)} cannot be used together: ${group.rule}`
      );
    }
  }
}
function describePair(values, table2, first, second) {
  const firstOrigin = values[first]?.origin;
  const secondOrigin = values[second]?.origin;
  if (firstOrigin?.kind === "config" && secondOrigin?.kind === "config") {
    if (firstOrigin.path === secondOrigin.path) {
      const keys = `${table2[first].configKey} and ${table2[second].configKey}`;
      return `${keys} in ${firstOrigin.path}`;
    }
  }
  return `${labelOf(table2, first, firstOrigin)} and ${labelOf(table2, second, secondOrigin)}`;
}
function labelOf(table2, key, origin) {
  return settingLabel(table2[key], origin ?? { kind: "default" });
}

// src/config/resolve-evaluate.ts
init_label_map();
init_errors();

// src/config/resolve-checks.ts
init_options();
init_thresholds();
var COLLAPSE_KEYS = {
  dominantShare: "dominantClassShare",
  dominantExcess: "dominantClassExcess",
  missingClassesFailFraction: "missingClassesFailFraction",
  singleClassImagesFailFraction: "singleClassImagesFailFraction",
  trivialMiouMargin: "trivialMiouMargin"
};
var IMAGE_ANALYSIS_KEYS = {
  maxInteriorFraction: "interpolatedMaxInterior",
  minBetweenFraction: "interpolatedMinBetween",
  interpolatedMinPixels: "interpolatedMinPixels",
  ignoredShareWarn: "ignoredShareWarn",
  ignoredShareFail: "ignoredShareFail",
  maxAbsLogit: "maxAbsLogit",
  constantMinImages: "constantMinImages"
};
var REGRESSION_KEYS = {
  maxMiouDrop: "maxMiouDrop",
  maxClassIouDrop: "maxClassIouDrop",
  resamples: "bootstrapResamples",
  seed: "bootstrapSeed"
};
var THRESHOLD_KEYS = {
  minMiou: "minMiou",
  minClassIou: "minClassIou",
  minClassRecall: "minClassRecall"
};
function resolveCheckSettings(values, classNames) {
  return {
    levels: values.checks?.value ?? {},
    collapse: withSettingNames(
      values,
      COLLAPSE_KEYS,
      () => resolveCollapseOptions(givenParameters(values, COLLAPSE_KEYS))
    ),
    imageAnalysis: withSettingNames(
      values,
      IMAGE_ANALYSIS_KEYS,
      () => resolveImageAnalysisOptions(givenParameters(values, IMAGE_ANALYSIS_KEYS))
    ),
    thresholds: resolveThresholds(values, classNames),
    regression: withSettingNames(
      values,
      REGRESSION_KEYS,
      () => resolveRegressionOptions(givenParameters(values, REGRESSION_KEYS))
    )
  };
}
function resolveThresholds(values, classNames) {
  const thresholds = {
    minMiou: values.minMiou?.value ?? null,
    minClassIou: values.minClassIou?.value ?? null,
    minClassRecall: values.minClassRecall?.value ?? null,
    classes: values.classThresholds?.value ?? {}
  };
  try {
    validateThresholds(thresholds, classNames);
  } catch (error) {
    throw relabelError(error, {
      ...settingNames(values, THRESHOLD_KEYS),
      "the per-class thresholds": valueLabel(EVALUATE_OPTIONS, values, "classThresholds")
    });
  }
  return thresholds;
}
function givenParameters(values, keys) {
  const parameters = {};
  for (const [parameter, key] of Object.entries(keys)) {
    const value = values[key]?.value;
    if (value !== void 0) {
      parameters[parameter] = value;
    }
  }
  return parameters;
}
function withSettingNames(values, keys, build) {
  try {
    return build();
  } catch (error) {
    throw relabelError(error, settingNames(values, keys));
  }
}
function settingNames(values, keys) {
  const names = {};
  for (const [parameter, key] of Object.entries(keys)) {
    const label3 = valueLabel(EVALUATE_OPTIONS, values, key);
    names[parameter] = values[key] === void 0 ? `${label3} (default)` : label3;
  }
  return names;
}

// src/config/resolve-evaluate.ts
init_settings();
async function resolveEvaluateSettings(values, configPath) {
  checkExclusiveGroups(values, EVALUATE_EXCLUSIVE_GROUPS, EVALUATE_OPTIONS);
  const data = resolveData(values);
  const { model: model2, predictions } = resolveSegmenter(values);
  const numClasses = labelledNumClasses(values);
  const ignoreIndex = resolveIgnoreIndex(values, numClasses);
  const labelMap = resolveLabelMap(values, numClasses, ignoreIndex);
  const classNames = await resolveClassNames(values, numClasses);
  const checks = resolveCheckSettings(values, classNames);
  const overlays = resolveOverlays(values);
  return {
    data,
    limit: values.limit?.value ?? null,
    skipMissing: values.skipMissing?.value ?? false,
    model: model2,
    predictions,
    numClasses: numClasses.value,
    classNames,
    ignoreIndex,
    labelMap,
    input: resolveModelInput(values),
    checks,
    baselinePath: values.baseline?.value ?? null,
    maxPixels: values.maxPixels?.value ?? DEFAULT_MAX_PIXELS,
    reportPath: values.report?.value ?? null,
    summaryPath: values.summary?.value ?? null,
    savePredictionsDir: values.savePredictions?.value ?? null,
    progress: values.progress?.value ?? DEFAULT_PROGRESS,
    ...overlays,
    configPath
  };
}
function resolveData(values) {
  const { data, split, ids, images, labels } = values;
  if (data !== void 0) {
    return {
      kind: "voc",
      root: data.value,
      split: ids === void 0 ? split?.value ?? DEFAULT_SPLIT : null,
      idsFile: ids?.value ?? null
    };
  }
  if (images !== void 0 && labels !== void 0) {
    return { kind: "folders", imagesDir: images.value, labelsDir: labels.value };
  }
  if (images !== void 0) {
    throw new UsageError(
      `${label(values, "images")} needs --labels: give --labels DIR, the folder of label masks for the images in ${images.value}.`
    );
  }
  if (labels !== void 0) {
    throw new UsageError(
      `${label(values, "labels")} needs --images: give --images DIR, the folder of images for the label masks in ${labels.value}.`
    );
  }
  for (const key of ["split", "ids"]) {
    if (values[key] !== void 0) {
      throw new UsageError(
        `${label(values, key)} needs --data: give --data DIR, the VOC-layout root that contains ImageSets/Segmentation/.`
      );
    }
  }
  throw new UsageError(
    "Missing dataset: give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."
  );
}
function resolveSegmenter(values) {
  const model2 = values.model?.value ?? null;
  const predictions = values.predictions?.value ?? null;
  if (model2 === null && predictions === null) {
    throw new UsageError(
      "Missing model: give --model FILE to run a model, or --predictions DIR to score saved prediction masks."
    );
  }
  return { model: model2, predictions };
}
function labelledNumClasses(values) {
  const numClasses = values.numClasses;
  if (numClasses === void 0) {
    return { value: DEFAULT_NUM_CLASSES, label: label(values, "numClasses"), isDefault: true };
  }
  return { value: numClasses.value, label: label(values, "numClasses"), isDefault: false };
}
function resolveIgnoreIndex(values, numClasses) {
  const ignoreIndex = values.ignoreIndex;
  if (ignoreIndex === void 0) {
    return DEFAULT_IGNORE_INDEX;
  }
  if (ignoreIndex.value < numClasses.value) {
    const last = numClasses.value - 1;
    throw new UsageError(
      `${label(values, "ignoreIndex")} is ${ignoreIndex.value}, but class ids run from 0 to ${last} because ${describeCount(numClasses)}. Pixels of class ${ignoreIndex.value} would be left out of scoring, so give an ignore index of at least ${numClasses.value} (VOC labels use ${DEFAULT_IGNORE_INDEX}) or lower the class count.`
    );
  }
  return ignoreIndex.value;
}
function resolveLabelMap(values, numClasses, ignoreIndex) {
  const text = values.labelMap;
  if (text === void 0) {
    return null;
  }
  const map = parseLabelMap(text.value, ignoreIndex);
  const targets = map.pairs.map(([source, target]) => [String(source), target]);
  if (map.fallback !== null) {
    targets.push(["*", map.fallback]);
  }
  for (const [source, target] of targets) {
    if (target >= numClasses.value && target !== ignoreIndex) {
      throw new UsageError(
        `${label(values, "labelMap")} maps ${source} to ${target}, but class ids run from 0 to ${numClasses.value - 1} because ${describeCount(numClasses)}, and the ignore index is ${ignoreIndex}. Map to a class id or to the ignore index, or raise the class count to cover the ids after the map.`
      );
    }
  }
  return map;
}
async function resolveClassNames(values, numClasses) {
  const classNames = values.classNames;
  if (classNames === void 0) {
    return defaultClassNames(numClasses.value);
  }
  const option = label(values, "classNames");
  const names = await loadClassNames(classNames.value, option);
  const source = classNames.value.kind === "file" ? `${option} (file ${classNames.value.path})` : option;
  return validateClassNames(names, source, numClasses);
}
function resolveModelInput(values) {
  const normalize = values.normalize?.value ?? null;
  const implicitOrder = normalize === "caffe" ? "bgr" : DEFAULT_CHANNEL_ORDER;
  return {
    normalize,
    channelOrder: values.channelOrder?.value ?? implicitOrder,
    inputSize: values.inputSize?.value ?? null,
    resize: values.resize?.value ?? DEFAULT_RESIZE,
    layout: values.layout?.value ?? DEFAULT_LAYOUT,
    upsample: values.upsample?.value ?? DEFAULT_UPSAMPLE,
    device: values.device?.value ?? DEFAULT_DEVICE,
    threads: values.threads?.value ?? null,
    backend: values.backend?.value ?? null,
    threshold: values.threshold?.value ?? DEFAULT_THRESHOLD
  };
}
function resolveOverlays(values) {
  const overlays = values.overlays?.value ?? 0;
  const overlaysDir = values.overlaysDir?.value ?? null;
  if (overlays > 0 && overlaysDir === null) {
    throw new UsageError(
      `${label(values, "overlays")} is ${overlays}, but no folder is given for the overlay PNGs: add --overlays-dir DIR, or set the overlay count to 0 to draw none.`
    );
  }
  return { overlays, overlaysDir };
}
function label(values, key) {
  return valueLabel(EVALUATE_OPTIONS, values, key);
}

// src/cli/options.ts
import { Option } from "commander";
function addSettingOptions(command, table2) {
  for (const spec of Object.values(table2)) {
    const flag = spec.flag;
    if (flag === null) {
      continue;
    }
    const flags = spec.valueName === null ? flag : `${flag} ${spec.valueName}`;
    command.addOption(new Option(flags, spec.help).helpGroup(spec.helpGroup));
    if (spec.negatedHelp !== null) {
      const negated = flag.replace(/^--/, "--no-");
      command.addOption(new Option(negated, spec.negatedHelp).helpGroup(spec.helpGroup));
    }
  }
}
function readCliValues(options, table2, cwd) {
  const values = {};
  for (const key of Object.keys(table2)) {
    const raw = options[key];
    if (raw === void 0) {
      continue;
    }
    if (typeof raw !== "string" && typeof raw !== "boolean") {
      throw new Error(`commander returned a ${typeof raw} for ${key}; expected text or a switch`);
    }
    const spec = table2[key];
    if (spec.flag === null) {
      throw new Error(`commander returned a value for ${key}, which has no flag`);
    }
    const value = spec.parseCli(raw, { base: cwd, label: spec.flag });
    values[key] = { value, origin: { kind: "cli" } };
  }
  return values;
}

// src/cli/evaluate-command.ts
var DESCRIPTION = "Evaluate a semantic segmentation model on a labelled dataset: mIoU, per-class IoU and recall, and contract checks on labels, predictions and model output.";
var HELP_FOOTER = `
Settings can also come from --config FILE (JSON or YAML). Its keys are the camelCase option
names (numClasses, ignoreIndex, savePredictions, ...), its relative paths start from the folder
that contains it, and options on the command line override its keys. One key has no option:
classThresholds, the minimum IoU and recall by class name, for example
  classThresholds: { person: { minIou: 0.5 }, bottle: { minRecall: null } }
where null exempts the class from --min-class-iou or --min-class-recall.

Examples:
  seg-gate evaluate --data VOC2012 --model model.onnx --normalize tf --input-size 513x513
  seg-gate evaluate --images images --labels labels --predictions masks --num-classes 2 \\
    --class-names background,person
  seg-gate evaluate --config seg-gate.yml --limit 10 --report report.json`;
function createEvaluateCommand(cwd, run) {
  const command = new Command("evaluate").description(DESCRIPTION).addOption(
    new Option2(
      "--config <file>",
      "Read settings from a JSON or YAML file (.json, .yml, .yaml). Options given here override its keys. Default: no config file."
    )
  ).addHelpText("after", HELP_FOOTER);
  addSettingOptions(command, EVALUATE_OPTIONS);
  command.action(async (options) => {
    await run(await settingsFromOptions(options, cwd));
  });
  return command;
}
async function settingsFromOptions(options, cwd) {
  const cli = readCliValues(options, EVALUATE_OPTIONS, cwd);
  const rawConfig = options["config"];
  const configPath = typeof rawConfig === "string" ? parsePathText(rawConfig, "--config", "file", cwd) : null;
  const config = configPath === null ? {} : configValues(await readConfigFile(configPath), EVALUATE_OPTIONS, configPath);
  const merged = mergeSettingValues(config, cli, EVALUATE_EXCLUSIVE_GROUPS);
  return resolveEvaluateSettings(merged, configPath);
}

// src/cli/train-command.ts
import { Command as Command2, Option as Option3 } from "commander";

// src/config/resolve-train.ts
init_errors();
init_normalize();
init_checkpoint();
import { join as join3 } from "node:path";

// src/train/settings.ts
var OPTIMIZERS = ["adam", "sgd"];
var LOSSES = [
  "auto",
  "sparse-categorical-crossentropy",
  "categorical-crossentropy"
];
var LABEL_ENCODINGS = ["sparse", "one-hot"];
var FINAL_SOFTMAX_MODES = ["strip", "reject"];
var DEFAULT_BATCH_SIZE = 4;
var DEFAULT_LEARNING_RATE = 1e-3;
var DEFAULT_OPTIMIZER = "adam";
var DEFAULT_LOSS = "auto";
var DEFAULT_LABEL_ENCODING = "sparse";
var DEFAULT_FINAL_SOFTMAX = "strip";
var DEFAULT_FIRST_LOSS_FACTOR = 3;
var DEFAULT_TRAIN_SEED = 1;

// src/config/train-options.ts
init_errors();
var TRAINING_HELP_GROUP = "Training options:";
var CLASS_WEIGHTS_PATTERN = /^\s*(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*(?:,\s*(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*)*$/;
var ANY_COUNT3 = Number.MAX_SAFE_INTEGER;
var NON_NEGATIVE = {
  minimum: 0,
  exclusiveMinimum: false,
  maximum: null,
  exclusiveMaximum: false
};
var POSITIVE = { ...NON_NEGATIVE, exclusiveMinimum: true };
var MIN_OVERFIT_PROBE_STEPS = 2;
var GROUP2 = TRAINING_HELP_GROUP;
var TRAINING_OPTIONS = {
  output: pathSetting({
    flag: "--output",
    valueName: "<dir>",
    target: "folder",
    helpGroup: GROUP2,
    help: "Folder the trained checkpoint is written to (model.json and group1-shard1of1.bin); the evaluation after training reads it from there. Required."
  }),
  steps: integerSetting({
    flag: "--steps",
    valueName: "<n>",
    minimum: 1,
    maximum: ANY_COUNT3,
    helpGroup: GROUP2,
    help: "Number of optimizer steps, at least 1. Required."
  }),
  batchSize: integerSetting({
    flag: "--batch-size",
    valueName: "<n>",
    minimum: 1,
    maximum: ANY_COUNT3,
    helpGroup: GROUP2,
    help: `Images per step, at least 1. Default: ${DEFAULT_BATCH_SIZE}.`
  }),
  learningRate: numberSetting({
    flag: "--learning-rate",
    valueName: "<rate>",
    range: NON_NEGATIVE,
    helpGroup: GROUP2,
    help: `Optimizer step size, at least 0. Default: ${DEFAULT_LEARNING_RATE}.`
  }),
  optimizer: enumSetting({
    flag: "--optimizer",
    valueName: "<name>",
    values: OPTIMIZERS,
    helpGroup: GROUP2,
    help: `Optimizer: adam or sgd (plain gradient descent). Default: ${DEFAULT_OPTIMIZER}.`
  }),
  classWeights: classWeightsSetting(),
  loss: enumSetting({
    flag: "--loss",
    valueName: "<loss>",
    values: LOSSES,
    helpGroup: GROUP2,
    help: `Training loss, masked at the ignore index and computed from logits: sparse-categorical-crossentropy (class-id labels), categorical-crossentropy (one-hot labels), or auto (the loss saved in the model's training config, else sparse). Default: ${DEFAULT_LOSS}.`
  }),
  labelEncoding: enumSetting({
    flag: "--label-encoding",
    valueName: "<encoding>",
    values: LABEL_ENCODINGS,
    helpGroup: GROUP2,
    help: `How label masks are fed to the loss: sparse (class ids, [B,H,W]) or one-hot ([B,H,W,C], ignored pixels all zero). Default: ${DEFAULT_LABEL_ENCODING}.`
  }),
  finalSoftmax: enumSetting({
    flag: "--final-softmax",
    valueName: "<mode>",
    values: FINAL_SOFTMAX_MODES,
    helpGroup: GROUP2,
    help: `A softmax at the end of the model, in front of a loss on logits: strip (train on its input; the saved model keeps it) or reject (stop before training). Default: ${DEFAULT_FINAL_SOFTMAX}.`
  }),
  overfitProbe: integerSetting({
    flag: "--overfit-probe",
    valueName: "<n>",
    minimum: MIN_OVERFIT_PROBE_STEPS,
    maximum: ANY_COUNT3,
    helpGroup: GROUP2,
    help: `Before training, train n steps on one repeated batch and fail unless the loss falls; the weights are restored afterwards. At least ${MIN_OVERFIT_PROBE_STEPS}. Default: off.`
  }),
  firstLossFactor: numberSetting({
    flag: "--first-loss-factor",
    valueName: "<factor>",
    range: POSITIVE,
    helpGroup: GROUP2,
    help: `training.loss.first-step fails when the first step's mean loss exceeds this factor times ln C, above 0. Default: ${DEFAULT_FIRST_LOSS_FACTOR}.`
  }),
  seed: integerSetting({
    flag: "--seed",
    valueName: "<n>",
    minimum: 0,
    maximum: MAX_BOOTSTRAP_SEED,
    helpGroup: GROUP2,
    help: `Seed of the batch order and of the random input of the rewrite and reload checks, 0 to ${MAX_BOOTSTRAP_SEED}. Default: ${DEFAULT_TRAIN_SEED}.`
  }),
  evalSplit: textSetting({
    flag: "--eval-split",
    valueName: "<name>",
    pattern: SPLIT_NAME_PATTERN,
    parse: parseSplitText,
    helpGroup: GROUP2,
    help: "Split under --data that the trained checkpoint is evaluated on. Default: the training data itself."
  }),
  trainingReport: pathSetting({
    flag: "--training-report",
    valueName: "<file>",
    target: "file",
    helpGroup: GROUP2,
    help: "Write the training report (checks, per-step losses and times) as JSON to this file. Default: no training report."
  })
};
var TRAIN_EVALUATE_OPTIONS = {
  ...withoutPredictions(EVALUATE_OPTIONS),
  model: {
    ...EVALUATE_OPTIONS.model,
    help: "TensorFlow.js layers model.json to start from. Graph models, SavedModels and ONNX files are inference-only. Required."
  },
  split: {
    ...EVALUATE_OPTIONS.split,
    help: "Split to train on: the ids in ImageSets/Segmentation/<name>.txt under --data; the evaluation uses it too unless --eval-split is given. Default: val."
  }
};
var TRAIN_OPTIONS = {
  ...TRAIN_EVALUATE_OPTIONS,
  ...TRAINING_OPTIONS
};
var TRAIN_EXCLUSIVE_GROUPS = EVALUATE_EXCLUSIVE_GROUPS.filter(
  (group) => !group.alternatives.some((keys) => keys.includes("predictions"))
).map((group) => ({
  rule: group.rule,
  alternatives: group.alternatives.map((keys) => keys.filter(isTrainKey))
}));
function parseClassWeightsText(raw, option) {
  const expected = "comma-separated weights of at least 0, one per class, for example 0.5,1,1,1";
  if (!CLASS_WEIGHTS_PATTERN.test(raw)) {
    throw invalidOption(option, expected, raw);
  }
  const weights = raw.split(",").map((part) => parseNumberText(part.trim(), option, NON_NEGATIVE));
  if (!weights.some((weight) => weight > 0)) {
    throw invalidOption(option, `${expected}, at least one above 0`, raw);
  }
  return weights;
}
function classWeightsSetting() {
  const spec = textSetting({
    flag: "--class-weights",
    valueName: "<w0,w1,...>",
    pattern: CLASS_WEIGHTS_PATTERN,
    parse: (raw) => raw,
    helpGroup: GROUP2,
    help: "Loss weight of each class in id order, comma-separated, at least 0 and one per class; the loss is the weighted mean over non-ignored pixels. Default: 1 for every class."
  });
  return {
    ...spec,
    parseCli: (raw, context) => parseClassWeightsText(String(raw), context.label),
    parseConfig: (value, context) => {
      const text = Array.isArray(value) ? value.join(",") : String(value);
      return parseClassWeightsText(text, context.label);
    }
  };
}
function isTrainKey(key) {
  return key !== "predictions";
}
function withoutPredictions(table2) {
  const entries = Object.entries(table2).filter(([key]) => key !== "predictions");
  return Object.fromEntries(entries);
}

// src/config/resolve-train.ts
async function resolveTrainSettings(values, configPath) {
  checkExclusiveGroups(values, TRAIN_EXCLUSIVE_GROUPS, TRAIN_OPTIONS);
  const initialModel = required(
    values,
    "model",
    "the TensorFlow.js layers model.json to start from"
  );
  const outputDir = required(values, "output", "the folder the trained checkpoint is written to");
  const steps = required(values, "steps", "the number of optimizer steps");
  if (values.normalize === void 0) {
    throw missingNormalizeError(initialModel);
  }
  const base = await resolveEvaluateSettings(evaluateValues(values), configPath);
  const evaluation = {
    ...base,
    model: join3(outputDir, CHECKPOINT_JSON),
    data: evaluationData(values, base.data)
  };
  return {
    initialModel,
    data: base.data,
    outputDir,
    parameters: trainingParameters(values, steps, base.numClasses),
    evaluation,
    trainingReportPath: values.trainingReport?.value ?? null
  };
}
function trainingParameters(values, steps, numClasses) {
  return {
    steps,
    batchSize: values.batchSize?.value ?? DEFAULT_BATCH_SIZE,
    learningRate: values.learningRate?.value ?? DEFAULT_LEARNING_RATE,
    optimizer: values.optimizer?.value ?? DEFAULT_OPTIMIZER,
    classWeights: classWeights(values, numClasses),
    loss: values.loss?.value ?? DEFAULT_LOSS,
    labelEncoding: values.labelEncoding?.value ?? DEFAULT_LABEL_ENCODING,
    finalSoftmax: values.finalSoftmax?.value ?? DEFAULT_FINAL_SOFTMAX,
    overfitProbe: values.overfitProbe?.value ?? null,
    firstLossFactor: values.firstLossFactor?.value ?? DEFAULT_FIRST_LOSS_FACTOR,
    seed: values.seed?.value ?? DEFAULT_TRAIN_SEED
  };
}
function classWeights(values, numClasses) {
  const weights = values.classWeights;
  if (weights === void 0) {
    return null;
  }
  if (weights.value.length !== numClasses) {
    throw new UsageError(
      `${label2(values, "classWeights")} lists ${weights.value.length} weights (${weights.value.join(",")}) vs ${numClasses} classes: give one weight per class id 0..${numClasses - 1}, in id order.`
    );
  }
  return weights.value;
}
function evaluationData(values, data) {
  const split = values.evalSplit;
  if (split === void 0) {
    return data;
  }
  if (data.kind !== "voc") {
    throw new UsageError(
      `${label2(values, "evalSplit")} picks a split under --data, but the training data comes from --images ${data.imagesDir} and --labels ${data.labelsDir}. Use a VOC-layout --data root, or leave --eval-split out to evaluate on the training folders.`
    );
  }
  return { kind: "voc", root: data.root, split: split.value, idsFile: null };
}
function evaluateValues(values) {
  const evaluate2 = { ...values };
  for (const key of Object.keys(TRAINING_OPTIONS)) {
    delete evaluate2[key];
  }
  return evaluate2;
}
function required(values, key, what) {
  const value = values[key];
  if (value === void 0) {
    const flag = TRAIN_OPTIONS[key].flag ?? key;
    throw new UsageError(
      `Missing ${flag}: give ${what}, on the command line or as ${key} in --config.`
    );
  }
  return value.value;
}
function label2(values, key) {
  return valueLabel(TRAIN_OPTIONS, values, key);
}

// src/train/config-file.ts
import { readFile as readFile4 } from "node:fs/promises";
import { extname as extname2 } from "node:path";
import { Ajv2020 as Ajv20202 } from "ajv/dist/2020.js";
import { parseDocument as parseDocument2 } from "yaml";
init_errors();

// src/train/train-config.schema.json
var train_config_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:seg-gate:schema:train-config-keys:1",
  title: "seg-gate train settings",
  description: "The training keys of a `seg-gate train` config file. A train config file takes every key of schemas/config.schema.json except predictions, plus these. Each key is the camelCase form of a command-line option of `seg-gate train`, and an option given on the command line overrides the key.",
  type: "object",
  properties: {
    output: {
      title: "Checkpoint folder",
      description: "Folder the trained checkpoint is written to (model.json and group1-shard1of1.bin). Same as --output. Required.",
      type: "string",
      minLength: 1
    },
    steps: {
      title: "Training steps",
      description: "Number of optimizer steps. Same as --steps. Required.",
      type: "integer",
      minimum: 1,
      maximum: 9007199254740991
    },
    batchSize: {
      title: "Batch size",
      description: "Images per step. Same as --batch-size. Default: 4.",
      type: "integer",
      minimum: 1,
      maximum: 9007199254740991
    },
    learningRate: {
      title: "Learning rate",
      description: "Optimizer step size, at least 0. Same as --learning-rate. Default: 0.001.",
      type: "number",
      minimum: 0
    },
    optimizer: {
      title: "Optimizer",
      description: "adam or sgd. Same as --optimizer. Default: adam.",
      enum: ["adam", "sgd"]
    },
    classWeights: {
      title: "Class weights",
      description: "Loss weight of each class in id order, one per class, each at least 0: an array of numbers or a comma-separated string. Same as --class-weights. Default: 1 for every class.",
      type: ["array", "string"],
      items: { type: "number", minimum: 0 },
      pattern: "^\\s*(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?\\s*(?:,\\s*(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?\\s*)*$",
      examples: ["0.5,1,1,1"]
    },
    loss: {
      title: "Loss",
      description: "Masked cross-entropy from logits: sparse-categorical-crossentropy, categorical-crossentropy, or auto (the loss saved in the model's training config, else sparse). Same as --loss. Default: auto.",
      enum: ["auto", "sparse-categorical-crossentropy", "categorical-crossentropy"]
    },
    labelEncoding: {
      title: "Label encoding",
      description: "How label masks are fed to the loss: sparse class ids or one-hot rows. Same as --label-encoding. Default: sparse.",
      enum: ["sparse", "one-hot"]
    },
    finalSoftmax: {
      title: "Final softmax",
      description: "A softmax at the end of the model: strip (train on its input) or reject. Same as --final-softmax. Default: strip.",
      enum: ["strip", "reject"]
    },
    overfitProbe: {
      title: "Overfit probe steps",
      description: "Steps on one repeated batch before training; fails unless the loss falls. Same as --overfit-probe. Default: off.",
      type: "integer",
      minimum: 2,
      maximum: 9007199254740991
    },
    firstLossFactor: {
      title: "First-step loss factor",
      description: "training.loss.first-step fails above this factor times ln C. Same as --first-loss-factor. Default: 3.",
      type: "number",
      exclusiveMinimum: 0
    },
    seed: {
      title: "Seed",
      description: "Seed of the batch order and of the random check inputs. Same as --seed. Default: 1.",
      type: "integer",
      minimum: 0,
      maximum: 4294967295
    },
    evalSplit: {
      title: "Evaluation split",
      description: "Split under data that the trained checkpoint is evaluated on. Same as --eval-split. Default: the training data.",
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      examples: ["val"]
    },
    trainingReport: {
      title: "Training report file",
      description: "JSON file for the training report (checks, per-step losses and times). Same as --training-report. Default: no training report.",
      type: "string",
      minLength: 1
    }
  }
};

// src/train/config-file.ts
var validator2 = null;
function trainConfigSchema() {
  const evaluateProperties = { ...config_schema_default.properties };
  delete evaluateProperties["predictions"];
  return {
    ...config_schema_default,
    $id: "urn:seg-gate:schema:train-config:1",
    title: "seg-gate train config file",
    properties: { ...evaluateProperties, ...train_config_schema_default.properties }
  };
}
async function readTrainConfigFile(path) {
  const extension = extname2(path).toLowerCase();
  if (![".json", ".yml", ".yaml"].includes(extension)) {
    throw invalidOption("--config", "a file ending in .json, .yml or .yaml", path);
  }
  let text;
  try {
    text = await readFile4(path, "utf8");
  } catch (error) {
    throw new InputError(
      `Cannot read config file ${path}: ${errorMessage(error)}. Check the path given to --config.`
    );
  }
  return validate(extension === ".json" ? parseJson2(text, path) : parseYaml2(text, path), path);
}
function validate(content, path) {
  validator2 ??= new Ajv20202({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(
    trainConfigSchema()
  );
  if (validator2(content) && typeof content === "object" && content !== null) {
    return content;
  }
  const lines = (validator2.errors ?? []).map((error) => `  ${formatSchemaError(error)}`);
  throw new UsageError(
    `Invalid train config file ${path} (${lines.length} problem${lines.length === 1 ? "" : "s"}):
${lines.join("\n")}
Fix these keys or remove them; \`seg-gate train --help\` describes every setting.`
  );
}
function parseJson2(text, path) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Cannot parse config file ${path} as JSON: ${errorMessage(error)}.`);
  }
}
function parseYaml2(text, path) {
  const document = parseDocument2(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((error) => `  ${error.message.split("\n")[0]}`);
    throw new UsageError(
      `Cannot parse config file ${path} as YAML:
${lines.join("\n")}
Fix the YAML syntax at these lines.`
    );
  }
  return document.toJS();
}

// src/cli/train-command.ts
var SUMMARY = "Fine-tune a TensorFlow.js layers model, then evaluate the checkpoint.";
var DESCRIPTION2 = "Fine-tune a TensorFlow.js layers model for a few steps with a masked cross-entropy, with contract and sanity checks on the way, save the checkpoint and evaluate it like seg-gate evaluate.";
var HELP_FOOTER2 = `
The evaluate options describe the data, the classes and the model input, and apply to the
evaluation of the saved checkpoint after training (its report, summary and gate). Settings can
also come from --config FILE (JSON or YAML) with the camelCase option names as keys.

Exit codes: 0 when training and the evaluation passed, 1 when a training. check or the gate
failed, 2 for invalid options or inputs (graph models and SavedModels cannot be trained), 3 for
internal errors.

Example:
  seg-gate train --model initial/model.json --data VOC --split train --eval-split val \\
    --num-classes 4 --normalize unit --input-size 32x32 --steps 40 --batch-size 4 \\
    --learning-rate 0.01 --output trained --training-report trained/training.json`;
function createTrainCommand(cwd, run) {
  const command = new Command2("train").summary(SUMMARY).description(DESCRIPTION2).addOption(
    new Option3(
      "--config <file>",
      "Read settings from a JSON or YAML file (.json, .yml, .yaml). Options given here override its keys. Default: no config file."
    )
  ).addHelpText("after", HELP_FOOTER2);
  addSettingOptions(command, TRAIN_EVALUATE_OPTIONS);
  addTrainingOptions(command);
  command.action(async (options) => {
    await run(await trainSettingsFromOptions(options, cwd));
  });
  return command;
}
async function trainSettingsFromOptions(options, cwd) {
  const cli = readCliValues(options, TRAIN_OPTIONS, cwd);
  const rawConfig = options["config"];
  const configPath = typeof rawConfig === "string" ? parsePathText(rawConfig, "--config", "file", cwd) : null;
  const config = configPath === null ? {} : configValues(await readTrainConfigFile(configPath), TRAIN_OPTIONS, configPath);
  const merged = mergeSettingValues(config, cli, TRAIN_EXCLUSIVE_GROUPS);
  return resolveTrainSettings(merged, configPath);
}
function addTrainingOptions(command) {
  for (const spec of Object.values(TRAINING_OPTIONS)) {
    if (spec.flag === null) {
      continue;
    }
    const flags = spec.valueName === null ? spec.flag : `${spec.flag} ${spec.valueName}`;
    command.addOption(new Option3(flags, spec.help).helpGroup(TRAINING_HELP_GROUP));
  }
}

// src/cli/program.ts
var PROGRAM_DESCRIPTION = "CI regression gate for semantic segmentation models: mIoU, per-class IoU and recall, collapse and contract checks, baseline comparison.";
var PROGRAM_FOOTER = `
Exit codes:
  0  the model passed every check
  1  the model failed the gate
  2  invalid options, or an input file that is missing, unreadable or malformed
  3  internal error`;
async function runCli(argv, context) {
  if (argv.length === 0) {
    throw new UsageError("Missing command: run seg-gate evaluate [options], or seg-gate --help.");
  }
  const result = { exitCode: ExitCode.pass };
  const program = createProgram(context, (code) => {
    result.exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) {
      return ExitCode.pass;
    }
    throw error;
  }
  return result.exitCode;
}
function createProgram(context, setExitCode) {
  const program = new Command3("seg-gate").description(PROGRAM_DESCRIPTION).version(TOOL_VERSION, "-V, --version", "Print the seg-gate version and exit.").helpCommand("help [command]", "Print the help of a command.").addHelpText("after", PROGRAM_FOOTER);
  configureCommand(program, context.output, "Run seg-gate --help to see the commands.");
  const evaluate2 = createEvaluateCommand(context.cwd, async (settings) => {
    setExitCode(await context.handlers.evaluate(settings));
  });
  configureCommand(evaluate2, context.output, "Run seg-gate evaluate --help to see the options.");
  program.addCommand(evaluate2);
  const train2 = createTrainCommand(context.cwd, async (settings) => {
    if (context.handlers.train === void 0) {
      throw new UsageError("seg-gate train is not available in this context.");
    }
    setExitCode(await context.handlers.train(settings));
  });
  configureCommand(train2, context.output, "Run seg-gate train --help to see the options.");
  program.addCommand(train2);
  return program;
}
function configureCommand(command, output, helpHint) {
  const helpWidth = output.helpWidth;
  command.helpOption("-h, --help", "Print this help and exit.").showSuggestionAfterError(true).configureOutput({
    writeOut: (text) => output.writeOut(text),
    writeErr: (text) => output.writeErr(text),
    // The UsageError thrown below carries the message, so commander prints nothing itself.
    outputError: () => {
    },
    ...helpWidth === void 0 ? {} : { getOutHelpWidth: () => helpWidth, getErrHelpWidth: () => helpWidth }
  }).exitOverride((error) => {
    if (error.exitCode === 0) {
      throw error;
    }
    if (error.code === "commander.help") {
      throw new UsageError(`Missing or unknown command. ${helpHint}`);
    }
    throw usageErrorFrom(error, helpHint);
  });
}
function usageErrorFrom(error, helpHint) {
  const sentences = error.message.replace(/^error: /, "").split("\n").map((line) => line.trim().replace(/^\((.*)\)$/, "$1")).filter((line) => line !== "").map((line) => {
    const capitalized = line.charAt(0).toUpperCase() + line.slice(1);
    return /[.?!]$/.test(capitalized) ? capitalized : `${capitalized}.`;
  });
  return new UsageError([...sentences, helpHint].join(" "));
}

// src/cli/main.ts
async function main() {
  try {
    return await runCli(process.argv.slice(2), {
      cwd: process.cwd(),
      output: {
        writeOut: (text) => process.stdout.write(text),
        writeErr: (text) => process.stderr.write(text)
      },
      handlers: { evaluate: evaluateCommand, train: trainCommand }
    });
  } catch (error) {
    return reportFailure(error);
  }
}
async function evaluateCommand(settings) {
  const startedAt = /* @__PURE__ */ new Date();
  const start = performance8.now();
  const { runEvaluate: runEvaluate2, writeOutputs: writeOutputs2, OutputWriteError: OutputWriteError2 } = await Promise.resolve().then(() => (init_run_evaluate(), run_evaluate_exports));
  const { createProgress: createProgress2 } = await Promise.resolve().then(() => (init_progress(), progress_exports));
  const { createStreamLogger: createStreamLogger2 } = await Promise.resolve().then(() => (init_logger(), logger_exports));
  const { assembleErrorReport: assembleErrorReport2 } = await Promise.resolve().then(() => (init_assemble(), assemble_exports));
  const { colorFromEnvironment: colorFromEnvironment2 } = await Promise.resolve().then(() => (init_terminal(), terminal_exports));
  const logger = createStreamLogger2(process.stderr);
  try {
    const result = await runEvaluate2(settings, {
      logger,
      createProgress: (total) => createProgress2({
        total,
        mode: settings.progress,
        stream: process.stderr,
        isTTY: process.stderr.isTTY === true,
        ci: isCi(process.env)
      }),
      print: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}
`),
      color: colorFromEnvironment2(process.stdout.isTTY, process.env)
    });
    return result.exitCode;
  } catch (error) {
    if (error instanceof OutputWriteError2) {
      throw error;
    }
    const report = assembleErrorReport2(errorReportOf(error), {
      startedAt,
      totalMs: performance8.now() - start
    });
    await writeOutputs2(settings, report).catch((writeError) => {
      process.stderr.write(
        `error: could not write the error report: ${errorMessage(writeError)}
`
      );
    });
    throw error;
  }
}
async function trainCommand(settings) {
  const { runTrain: runTrain2 } = await Promise.resolve().then(() => (init_run_train(), run_train_exports));
  const { createProgress: createProgress2 } = await Promise.resolve().then(() => (init_progress(), progress_exports));
  const { createStreamLogger: createStreamLogger2 } = await Promise.resolve().then(() => (init_logger(), logger_exports));
  const { colorFromEnvironment: colorFromEnvironment2 } = await Promise.resolve().then(() => (init_terminal(), terminal_exports));
  const evaluation = settings.evaluation;
  const result = await runTrain2(settings, {
    logger: createStreamLogger2(process.stderr),
    createProgress: (total) => createProgress2({
      total,
      mode: evaluation.progress,
      stream: process.stderr,
      isTTY: process.stderr.isTTY === true,
      ci: isCi(process.env)
    }),
    print: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}
`),
    color: colorFromEnvironment2(process.stdout.isTTY, process.env)
  });
  return result.exitCode;
}
function errorReportOf(error) {
  if (error instanceof UsageError) {
    return { kind: "usage", message: error.message };
  }
  if (error instanceof InputError) {
    return { kind: "input", message: error.message };
  }
  return { kind: "internal", message: errorMessage(error) };
}
function reportFailure(error) {
  const code = exitCodeFor(error);
  if (code === ExitCode.internal) {
    const detail = error instanceof Error && error.stack ? error.stack : errorMessage(error);
    process.stderr.write(
      `error: internal error (exit 3), please report it with this output:
${detail}
`
    );
  } else {
    process.stderr.write(`error: ${errorMessage(error)}
`);
  }
  return code;
}
function isCi(env) {
  return env.CI !== void 0 && env.CI !== "" && env.CI !== "false";
}
process.exitCode = await main();

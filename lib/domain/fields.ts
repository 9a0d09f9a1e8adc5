import * as z from '../zod.js';

/** A string field whose missing and mistyped cases read well in an error's `details`. */
export const requiredString = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

/** The step that replaces a string by its normal form, or reports `message` where `normalize` answers undefined. */
export const normalizeTo = (normalize: (value: string) => string | undefined, message: string) =>
  z.transform((value: string, ctx) => {
    const normal = normalize(value);
    if (normal === undefined) {
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    }
    return normal;
  });

/**
 * A trimmed string replaced by its normal form; `normalize` answers undefined for an invalid one.
 * Trimmed inside the step rather than by a trim check: the same value, one kind of schema fewer for
 * a cold start to build (docs/performance.md, run 19).
 */
export const normalizedString = (normalize: (value: string) => string | undefined, message: string) =>
  z.pipe(
    requiredString(),
    normalizeTo((value) => normalize(value.trim()), message),
  );

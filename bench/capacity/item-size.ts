/**
 * Item sizes and capacity units by DynamoDB's documented rules (developer guide: "DynamoDB item sizes
 * and formats", "DynamoDB read and write operations"). Items are in the low-level (marshalled) form,
 * `{ name: { S: 'value' } }`, as the client sends them after the DocumentClient has marshalled them.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Significant digits of a number's text: sign, exponent, decimal point and leading/trailing zeros dropped. */
export function significantDigits(text: string): number {
  const mantissa = text.trim().replace(/^[+-]/, '').split(/[eE]/)[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.max(1, digits.length);
}

/** A number's size: about one byte per two significant digits, plus one. */
export const numberSize = (text: string): number => Math.ceil(significantDigits(text) / 2) + 1;

const binarySize = (value: Uint8Array | string): number =>
  typeof value === 'string' ? Buffer.from(value, 'base64').length : value.length;

/** The size of a value, without its attribute name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return binarySize(value.B);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  // A list or map: 3 bytes whatever it holds, plus each element and 1 byte per element.
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + valueSize(element) + 1, 0);
  if (value.M !== undefined) {
    return (
      3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + attributeSize(name, element) + 1, 0)
    );
  }
  // Sets: the sum of their elements' sizes.
  if (value.SS !== undefined) return value.SS.reduce((sum, element) => sum + utf8(element), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, element) => sum + numberSize(element), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, element) => sum + binarySize(element), 0);
  throw new Error(`unknown attribute value ${JSON.stringify(value)}`);
}

/** An attribute's size: its name's UTF-8 bytes plus its value's size. */
export const attributeSize = (name: string, value: AttributeValue): number => utf8(name) + valueSize(value);

/** An item's size: the sum of its attributes' sizes; 0 for no item. */
export const itemSize = (item: Item | undefined): number =>
  item ? Object.entries(item).reduce((sum, [name, value]) => sum + attributeSize(name, value), 0) : 0;

export const KB = 1024;

/** Write units of one write of `bytes`: per 1 KB started, at least 1; doubled in a transaction. */
export const writeUnits = (bytes: number, transactional = false): number =>
  Math.max(1, Math.ceil(bytes / KB)) * (transactional ? 2 : 1);

export type Consistency = 'eventual' | 'strong' | 'transactional';

/** Read units of one read of `bytes`: per 4 KB started, at least 1; half eventually consistent, double in a transaction. */
export const readUnits = (bytes: number, consistency: Consistency): number =>
  Math.max(1, Math.ceil(bytes / (4 * KB))) *
  (consistency === 'eventual' ? 0.5 : consistency === 'transactional' ? 2 : 1);

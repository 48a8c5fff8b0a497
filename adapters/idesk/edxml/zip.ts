/**
 * The ZIP side of edXML attachments (spec §2.3: the VXP SDK zips every file, then base64s it). Unzipping is
 * capped: fflate's unzipSync sizes each output from the central directory's declared size and never grows
 * it, so summing the declared sizes before inflating bounds the memory a hostile archive can take.
 */
import { unzipSync, zipSync } from 'fflate';
import { EdxmlErrors, edxmlError } from './errors';
import type { ZipEntry } from './types';

export interface ZipLimits {
  /** Largest total unzipped size of one attachment. @defaultValue 100 MiB */
  maxUnzippedBytes?: number;
  /** Largest unzipped/zipped ratio, checked once the unzipped total passes 1 MiB. @defaultValue 200 */
  maxRatio?: number;
  /** Most files in one archive. @defaultValue 1000 */
  maxEntries?: number;
}

const DEFAULTS: Required<ZipLimits> = {
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 1000,
};
const RATIO_FLOOR = 1024 * 1024;

/** Whether the bytes start like a ZIP archive (a local file header, or the end record of an empty one). */
export function looksZipped(data: Buffer): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5);
}

/** The files of a ZIP archive (directories left out); refuses a broken archive or one past the limits. */
export function unzipFiles(data: Buffer, what: string, limits: ZipLimits = {}): ZipEntry[] {
  const lim = { ...DEFAULTS, ...limits };
  let total = 0;
  let entries = 0;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(new Uint8Array(data.buffer, data.byteOffset, data.length), {
      filter: (file) => {
        entries += 1;
        total += file.originalSize;
        if (entries > lim.maxEntries || total > lim.maxUnzippedBytes) {
          throw edxmlError(EdxmlErrors.zipTooLarge, `${what} unzips past the limits`, {
            entries,
            unzippedBytes: total,
          });
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === EdxmlErrors.zipTooLarge) throw err;
    throw edxmlError(EdxmlErrors.badZip, `${what} is not a readable ZIP archive: ${(err as Error).message}`);
  }
  if (total > RATIO_FLOOR && total / Math.max(data.length, 1) > lim.maxRatio) {
    throw edxmlError(EdxmlErrors.zipTooLarge, `${what} expands ${Math.round(total / data.length)}-fold`, {
      unzippedBytes: total,
    });
  }
  return Object.entries(unzipped).map(([name, bytes]) => ({ name, data: Buffer.from(bytes) }));
}

/** A one-file ZIP archive, deflated, as the SDK sends an attachment. */
export function zipOne(name: string, content: Buffer): Buffer {
  return Buffer.from(zipSync({ [name]: new Uint8Array(content) }, { level: 6 }));
}

import { badRequest } from './errors.js';
import type { ItemType } from './store.js';
import {
  isObject,
  optBoolean,
  optEnum,
  optNumber,
  optString,
  pickStrings,
  reqString,
  type JsonObject,
} from './validate.js';

/** How one item family is created, updated and shown: the endpoints `/v2/boards/{id}/<segment>`. */
export interface ItemKind {
  readonly type: ItemType;
  readonly segment: string;
  /** The create request must carry `data` (Miro's `required: [data]`). */
  readonly dataRequired: boolean;
  /** Frames cannot sit in a frame; every other kind may. */
  readonly allowsParent: boolean;
  readonly hasStyle: boolean;
  readonly geometryKeys: readonly ('width' | 'height' | 'rotation')[];
  /** Sticky notes and images keep their aspect ratio: only one of width and height may be set. */
  readonly fixedRatio: boolean;
  readonly defaults: { readonly data: JsonObject; readonly style: JsonObject; readonly geometry: JsonObject };
  /** Validates `data` and returns what to merge into the stored data (in its response form). */
  readData(data: JsonObject, creating: boolean): JsonObject;
  readonly styleKeys: readonly string[];
}

export const STICKY_COLORS = [
  'gray',
  'light_yellow',
  'yellow',
  'orange',
  'light_green',
  'green',
  'dark_green',
  'cyan',
  'light_pink',
  'pink',
  'violet',
  'red',
  'light_blue',
  'blue',
  'dark_blue',
  'black',
] as const;
const FONT_STYLE_KEYS = ['color', 'fillColor', 'fillOpacity', 'fontFamily', 'fontSize', 'textAlign'];

function urlData(data: JsonObject, creating: boolean, outKey: string): JsonObject {
  const out: JsonObject = {};
  const url = creating
    ? reqString(data, 'url', 'data.url', { min: 1 })
    : optString(data, 'url', 'data.url', { min: 1 });
  if (url !== undefined) {
    if (!/^https?:\/\//.test(url))
      throw badRequest('Invalid parameter data.url: must be an http(s) URL', [
        { field: 'data.url', message: 'must be an http(s) URL' },
      ]);
    out[outKey] = url;
  }
  const title = optString(data, 'title', 'data.title');
  if (title !== undefined) out.title = title;
  return out;
}

const kinds: readonly ItemKind[] = [
  {
    type: 'sticky_note',
    segment: 'sticky_notes',
    dataRequired: false,
    allowsParent: true,
    hasStyle: true,
    geometryKeys: ['width', 'height'],
    fixedRatio: true,
    defaults: {
      data: { content: '', shape: 'square' },
      style: { fillColor: 'light_yellow', textAlign: 'center', textAlignVertical: 'top' },
      geometry: { width: 199, height: 228 },
    },
    styleKeys: ['fillColor', 'textAlign', 'textAlignVertical'],
    readData: (d) => {
      const out = pickStrings(d, ['content'], 'data');
      const shape = optEnum(d, 'shape', 'data.shape', ['square', 'rectangle']);
      if (shape) out.shape = shape;
      return out;
    },
  },
  {
    type: 'shape',
    segment: 'shapes',
    dataRequired: false,
    allowsParent: true,
    hasStyle: true,
    geometryKeys: ['width', 'height', 'rotation'],
    fixedRatio: false,
    defaults: {
      data: { content: '', shape: 'rectangle' },
      style: {
        fillColor: '#ffffff',
        fillOpacity: '1.0',
        fontFamily: 'arial',
        fontSize: '14',
        borderColor: '#1a1a1a',
        borderWidth: '2.0',
        borderOpacity: '1.0',
        borderStyle: 'normal',
        textAlign: 'center',
        textAlignVertical: 'middle',
        color: '#1a1a1a',
      },
      geometry: { width: 100, height: 100, rotation: 0 },
    },
    styleKeys: [...FONT_STYLE_KEYS, 'borderColor', 'borderOpacity', 'borderStyle', 'borderWidth', 'textAlignVertical'],
    readData: (d) => pickStrings(d, ['content', 'shape'], 'data'),
  },
  {
    type: 'text',
    segment: 'texts',
    dataRequired: true,
    allowsParent: true,
    hasStyle: true,
    geometryKeys: ['width', 'rotation'],
    fixedRatio: false,
    defaults: {
      data: { content: '' },
      style: {
        color: '#1a1a1a',
        fillColor: 'transparent',
        fillOpacity: '1.0',
        fontFamily: 'arial',
        fontSize: '14',
        textAlign: 'left',
      },
      geometry: { width: 100, height: 50, rotation: 0 },
    },
    styleKeys: FONT_STYLE_KEYS,
    readData: (d, creating) =>
      creating ? { content: reqString(d, 'content', 'data.content') } : pickStrings(d, ['content'], 'data'),
  },
  {
    type: 'card',
    segment: 'cards',
    dataRequired: false,
    allowsParent: true,
    hasStyle: true,
    geometryKeys: ['width', 'height', 'rotation'],
    fixedRatio: false,
    defaults: {
      data: { title: '', description: '' },
      style: { cardTheme: '#2d9bf0' },
      geometry: { width: 320, height: 94, rotation: 0 },
    },
    styleKeys: ['cardTheme'],
    readData: (d) => pickStrings(d, ['title', 'description', 'assigneeId', 'dueDate'], 'data'),
  },
  {
    type: 'app_card',
    segment: 'app_cards',
    dataRequired: false,
    allowsParent: true,
    hasStyle: true,
    geometryKeys: ['width', 'height', 'rotation'],
    fixedRatio: false,
    defaults: {
      data: { title: 'sample app card item', description: '', status: 'disconnected', fields: [], owned: true },
      style: { fillColor: '#2d9bf0' },
      geometry: { width: 320, height: 94, rotation: 0 },
    },
    styleKeys: ['fillColor'],
    readData: (d) => {
      const out = pickStrings(d, ['title', 'description'], 'data');
      const status = optEnum(d, 'status', 'data.status', ['disconnected', 'connected', 'disabled']);
      if (status) out.status = status;
      if (d.fields !== undefined) {
        if (!Array.isArray(d.fields) || !d.fields.every(isObject))
          throw badRequest('Invalid parameter data.fields: must be an array of objects', [
            { field: 'data.fields', message: 'must be an array of objects' },
          ]);
        out.fields = d.fields;
      }
      return out;
    },
  },
  {
    type: 'frame',
    segment: 'frames',
    dataRequired: true,
    allowsParent: false,
    hasStyle: true,
    geometryKeys: ['width', 'height'],
    fixedRatio: false,
    defaults: {
      data: { title: 'Sample frame title', format: 'custom', type: 'freeform', showContent: true },
      style: { fillColor: '#ffffffff' },
      geometry: { width: 1000, height: 600 },
    },
    styleKeys: ['fillColor'],
    readData: (d) => {
      const out = pickStrings(d, ['title'], 'data');
      const format = optEnum(d, 'format', 'data.format', [
        'custom',
        'desktop',
        'phone',
        'tablet',
        'a4',
        'letter',
        'ratio_1x1',
        'ratio_4x3',
        'ratio_16x9',
      ]);
      if (format) out.format = format;
      const type = optEnum(d, 'type', 'data.type', ['freeform', 'heap', 'grid', 'rows', 'columns']);
      if (type) out.type = type;
      const showContent = optBoolean(d, 'showContent', 'data.showContent');
      if (showContent !== undefined) out.showContent = showContent;
      return out;
    },
  },
  {
    type: 'image',
    segment: 'images',
    dataRequired: true,
    allowsParent: true,
    hasStyle: false,
    geometryKeys: ['width', 'height', 'rotation'],
    fixedRatio: true,
    defaults: { data: { title: '' }, style: {}, geometry: { width: 800, height: 600, rotation: 0 } },
    styleKeys: [],
    readData: (d, creating) => urlData(d, creating, 'imageUrl'),
  },
  {
    type: 'document',
    segment: 'documents',
    dataRequired: true,
    allowsParent: true,
    hasStyle: false,
    geometryKeys: ['width', 'height', 'rotation'],
    fixedRatio: true,
    defaults: { data: { title: '' }, style: {}, geometry: { width: 320, height: 452, rotation: 0 } },
    styleKeys: [],
    readData: (d, creating) => urlData(d, creating, 'documentUrl'),
  },
  {
    type: 'embed',
    segment: 'embeds',
    dataRequired: true,
    allowsParent: true,
    hasStyle: false,
    geometryKeys: ['width', 'height'],
    fixedRatio: true,
    defaults: { data: { mode: 'inline', previewUrl: '' }, style: {}, geometry: { width: 640, height: 360 } },
    styleKeys: [],
    readData: (d, creating) => {
      const out: JsonObject = {};
      const url = creating ? reqString(d, 'url', 'data.url', { min: 1 }) : optString(d, 'url', 'data.url', { min: 1 });
      if (url !== undefined) out.url = url;
      const previewUrl = optString(d, 'previewUrl', 'data.previewUrl');
      if (previewUrl !== undefined) out.previewUrl = previewUrl;
      const mode = optEnum(d, 'mode', 'data.mode', ['inline', 'modal']);
      if (mode) out.mode = mode;
      return out;
    },
  },
];

export const ITEM_KINDS: readonly ItemKind[] = kinds;

export function kindOf(type: ItemType): ItemKind {
  const kind = kinds.find((k) => k.type === type);
  if (!kind) throw new Error(`unknown item type ${type}`);
  return kind;
}

/** Validates a style object against the kind's style keys (string values, sticky colours checked). */
export function readStyle(kind: ItemKind, style: JsonObject): JsonObject {
  const out = pickStrings(style, kind.styleKeys, 'style');
  if (kind.type === 'sticky_note') {
    optEnum(style, 'fillColor', 'style.fillColor', STICKY_COLORS);
    optEnum(style, 'textAlign', 'style.textAlign', ['left', 'right', 'center']);
    optEnum(style, 'textAlignVertical', 'style.textAlignVertical', ['top', 'middle', 'bottom']);
  }
  return out;
}

/** Validates geometry; for fixed-ratio kinds the other side follows the current aspect ratio. */
export function readGeometry(kind: ItemKind, geometry: JsonObject, current: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of kind.geometryKeys) {
    const value = optNumber(geometry, key, `geometry.${key}`);
    if (value === undefined) continue;
    if (key !== 'rotation' && value <= 0)
      throw badRequest(`Invalid parameter geometry.${key}: must be greater than 0`, [
        { field: `geometry.${key}`, message: 'must be greater than 0' },
      ]);
    out[key] = value;
  }
  for (const key of Object.keys(geometry)) {
    if (!(kind.geometryKeys as readonly string[]).includes(key)) {
      throw badRequest(`Invalid parameter geometry.${key}: ${kind.type} items do not accept it`, [
        { field: `geometry.${key}`, message: 'not accepted for this item type' },
      ]);
    }
  }
  if (kind.fixedRatio) {
    const width = out.width as number | undefined;
    const height = out.height as number | undefined;
    const ratio = (current.height as number) / (current.width as number);
    if (width !== undefined && height !== undefined) {
      throw badRequest(
        `Invalid parameter geometry: set either width or height for a ${kind.type}, not both (it keeps its aspect ratio)`,
        [{ field: 'geometry', message: 'only one of width and height' }],
      );
    }
    if (width !== undefined) out.height = Math.round(width * ratio * 100) / 100;
    if (height !== undefined) out.width = Math.round((height / ratio) * 100) / 100;
  }
  return out;
}

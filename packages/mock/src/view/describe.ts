import type { ItemType } from '../sim/store.js';
import type { ItemSnapshot } from './snapshot.js';
import { contentText } from './text.js';

export const KIND_NAMES: Readonly<Record<ItemType, string>> = {
  sticky_note: 'Sticky note',
  shape: 'Shape',
  text: 'Text',
  card: 'Card',
  app_card: 'App card',
  frame: 'Frame',
  image: 'Image',
  document: 'Document',
  embed: 'Embed',
};

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The text an item shows (its content, or its title), as plain text. */
export function itemText(item: ItemSnapshot): string {
  switch (item.type) {
    case 'sticky_note':
    case 'shape':
    case 'text':
      return contentText(item.data.content);
    case 'card':
    case 'app_card':
      return [contentText(item.data.title), contentText(item.data.description)].filter((t) => t !== '').join(' — ');
    case 'embed':
      return str(item.data.url);
    default:
      return contentText(item.data.title);
  }
}

/** What kind of item this is, in words: `Shape (circle)`. */
export function kindName(item: ItemSnapshot): string {
  const name = KIND_NAMES[item.type];
  return item.type === 'shape' ? `${name} (${str(item.data.shape) || 'rectangle'})` : name;
}

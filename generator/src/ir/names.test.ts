import { describe, expect, it } from 'vitest';
import { methodNameOf, parameterNameOf, typeNameOf } from './names.js';

describe('method names from operationIds', () => {
  it.each([
    ['get-boards', 'getBoards'],
    ['create-sticky-note-item', 'createStickyNoteItem'],
    ['get-specific-board', 'getSpecificBoard'],
    ['getItemsByGroupId', 'getItemsByGroupId'],
    ['revoke-token-v2', 'revokeTokenV2'],
    ['enterprise-get-ai-interaction-logs', 'enterpriseGetAiInteractionLogs'],
    ['ListUsers', 'listUsers'],
  ])('%s -> %s', (operationId, expected) => {
    expect(methodNameOf(operationId)).toBe(expected);
  });
});

describe('parameter names', () => {
  it.each([
    ['board_id', 'boardId'],
    ['board_id_PlatformTags', 'boardId'],
    ['board_id_PlatformFileUpload', 'boardId'],
    ['board_id_Platformcreateitemsinbulkusingfilefromdevice', 'boardId'],
    ['createdAfter', 'createdAfter'],
    ['X-Request-Id', 'xRequestId'],
    ['parent_item_id', 'parentItemId'],
  ])('%s -> %s', (wire, expected) => {
    expect(parameterNameOf(wire)).toBe(expected);
  });
});

describe('type names', () => {
  it('makes PascalCase identifiers and never shadows a global', () => {
    expect(typeNameOf('board-with-links')).toBe('BoardWithLinks');
    expect(typeNameOf('Error')).toBe('ErrorSchema');
    expect(typeNameOf('400Response')).toBe('T400Response');
    expect(typeNameOf('StickyNoteItem')).toBe('StickyNoteItem');
  });
});

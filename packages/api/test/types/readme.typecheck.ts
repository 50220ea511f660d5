// The root README's example, kept compiling.
import { MiroApi, MiroNotFoundError } from '../../src/index.js';

export async function readmeExample(): Promise<void> {
  const api = new MiroApi(process.env.MIRO_ACCESS_TOKEN!);
  const board = await api.createBoard({ name: 'Retro' });
  await api.createStickyNoteItem(board.id!, { data: { content: 'Ship it' }, position: { x: 0, y: 0 } });
  for await (const item of api.getItems(board.id!, { limit: '50' })) console.log(item.type, item.id);
  try {
    await api.getSpecificBoard('nope');
  } catch (error) {
    if (error instanceof MiroNotFoundError) console.log(error.status, error.code, error.requestId);
  }
}

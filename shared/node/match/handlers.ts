import type { matchChannels } from '../../common/match/contract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function matchHandlers(desk: { readonly services: Pick<DeskServices, 'match'> }): HandlersFor<keyof typeof matchChannels> {
  const { lookup, imports } = desk.services.match;
  return {
    'app:match.lookup': (request) => lookup.lookup(request),
    'app:match.revealSsn': (request) => lookup.revealSsn(request.memberId),
    'app:match.importBegin': (request) => imports.begin(request.kind, request.skipInvalid, request.totalBytes ?? null),
    'app:match.importChunk': (request) => imports.chunk(request.importId, request.text),
    'app:match.importCommit': (request) => imports.commit(request.importId),
    'app:match.importCancel': (request) => imports.cancel(request.importId),
  };
}

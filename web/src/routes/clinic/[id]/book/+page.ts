import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url }) => ({
  id: params.id,
  specialty: url.searchParams.get('specialty'),
  ticket: url.searchParams.get('ticket'),
});

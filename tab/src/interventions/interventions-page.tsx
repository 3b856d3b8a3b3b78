import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { BoardPage } from './board-page';
import { DetailPage } from './detail-page';
import { FormPage } from './form-page';
import { ImpactPage } from './impact-page';
import type { Route } from './iv-route';

/** The intervention tracker's pages, by route: board, impact across all, create, one, edit. */
export function InterventionsPage({ collaborative, route }: { collaborative: CollaborativeResponse; route: Route }) {
  switch (route.page) {
    case 'impact':
      return <ImpactPage collaborative={collaborative} />;
    case 'new':
      return <FormPage key={JSON.stringify(route.prefill)} collaborative={collaborative} mode="new" prefill={route.prefill} />;
    case 'detail':
      return <DetailPage collaborative={collaborative} id={route.id} />;
    case 'edit':
      return <FormPage key={route.id} collaborative={collaborative} mode="edit" id={route.id} />;
    default:
      return <BoardPage collaborative={collaborative} />;
  }
}

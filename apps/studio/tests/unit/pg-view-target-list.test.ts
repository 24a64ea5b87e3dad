import { describe, expect, it } from 'vitest'

import { viewColumnOrigins } from 'lib/api/database/postgres/view-target-list'

// Shortened from a real pg_rewrite.ev_action: a subquery's target entry sits in the range table,
// a scalar expression column has no origin, and names carry escaped brackets and spaces.
const EV_ACTION =
  '({QUERY :commandType 1 :rtable ({RANGETBLENTRY :rtekind 1 :subquery {QUERY :targetList ({TARGETENTRY :expr {VAR :varno 1} ' +
  ':resno 1 :resname inner :ressortgroupref 0 :resorigtbl 999 :resorigcol 7 :resjunk false})}}) ' +
  ':targetList ({TARGETENTRY :expr {VAR :varno 3 :varattno 1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 17337 :resorigcol 1 :resjunk false} ' +
  '{TARGETENTRY :expr {OPEXPR :opno 551 :args ({CONST :constvalue 4 [ 1 0 0 0 ]})} :resno 2 :resname total\\(x\\) :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} ' +
  '{TARGETENTRY :expr {VAR :varno 3 :varattno 2} :resno 3 :resname odd\\ name :ressortgroupref 0 :resorigtbl 17337 :resorigcol 2 :resjunk false} ' +
  '{TARGETENTRY :expr {VAR :varno 3 :varattno 5} :resno 4 :resname <> :ressortgroupref 1 :resorigtbl 17337 :resorigcol 5 :resjunk true}) ' +
  ':override 0})'

describe('viewColumnOrigins', () => {
  it("reads the top-level target list's plain column references only", () => {
    expect(viewColumnOrigins(EV_ACTION)).toEqual([
      { resno: 1, resname: 'id', relationId: 17337, attnum: 1 },
      { resno: 3, resname: 'odd name', relationId: 17337, attnum: 2 },
    ])
  })

  it('finds nothing in a tree without a top-level target list', () => {
    expect(viewColumnOrigins('({QUERY :commandType 1 :targetList <>})')).toEqual([])
    expect(viewColumnOrigins('')).toEqual([])
  })
})

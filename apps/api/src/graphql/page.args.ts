import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** Offset paging; `limit` is capped so one request cannot ask for everything. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0, description: 'Rows to skip.' })
  @Min(0)
  offset: number;

  @Field(() => Int, { defaultValue: 20, description: 'Rows to return (at most 500).' })
  @Min(0)
  @Max(500)
  limit: number;
}

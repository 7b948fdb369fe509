import { Card, CardContent, Typography } from '@mui/material';

/** The Overview: four tabs sharing one filter bar (filled in by the overview work of issue 8). */
export function OverviewPage() {
  return (
    <Card>
      <CardContent>
        <Typography variant="h5">Overview</Typography>
      </CardContent>
    </Card>
  );
}

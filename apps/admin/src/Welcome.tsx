import { Card, CardContent, Typography } from '@mui/material';

/** The first screen until the dashboards exist. */
export function Welcome() {
  return (
    <Card>
      <CardContent>
        <Typography variant="h5">spendsync</Typography>
        <Typography variant="body1">AI spend from every provider, to the cent.</Typography>
      </CardContent>
    </Card>
  );
}

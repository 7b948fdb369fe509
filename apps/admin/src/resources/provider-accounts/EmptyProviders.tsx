import AddLinkIcon from '@mui/icons-material/AddLink';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Link, useCanAccess } from 'react-admin';
import { RESOURCES } from '../../data-provider';

/** The first screen of a new organization: what spendsync needs, and the way to give it. */
export function EmptyProviders() {
  const { canAccess } = useCanAccess({ action: 'create', resource: RESOURCES.providerAccounts });
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 6 }} data-testid="empty-providers">
      <Card sx={{ maxWidth: 560 }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, alignItems: 'flex-start' }}>
          <Typography variant="h5">No providers linked yet</Typography>
          <Typography variant="body1">
            spendsync reads billing and usage data straight from your AI providers — OpenAI, Anthropic, AWS Bedrock,
            Google Vertex AI, Azure, fal.ai, Runway, OpenRouter and LiteLLM. Link an account to see its spend per
            workspace, API key and model here within minutes.
          </Typography>
          {canAccess ? (
            <Button
              variant="contained"
              startIcon={<AddLinkIcon />}
              component={Link}
              to={`/${RESOURCES.providerAccounts}/create`}>
              Link Provider
            </Button>
          ) : (
            <Typography variant="body2" color="text.secondary">
              Your account can read but not change settings: ask an admin of your organization to link a provider.
            </Typography>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

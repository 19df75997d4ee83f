// A CostInsightsApi for the Backstage Cost Insights plugin that reads the `costs serve` HTTP API
// (GET /api/cost-insights/...; see docs/backstage.md). Register it in the Backstage app:
//
//   createApiFactory({
//     api: costInsightsApiRef,
//     deps: { configApi: configApiRef },
//     factory: ({ configApi }) => new CostsCostInsightsClient({ baseUrl: configApi.getString('costs.baseUrl') }),
//   })
import type { Alert, CostInsightsApi, ProductInsightsOptions } from '@backstage/plugin-cost-insights';
import type { Cost, Entity, Group, MetricData, Project } from '@backstage/plugin-cost-insights-common';

/** How to reach `costs serve`. */
export interface CostsCostInsightsClientOptions {
  /** The server's base URL, e.g. `http://costs.costs.svc:8080` (a path prefix is kept). */
  baseUrl: string;
  /** The bearer token the server requires (its Http:TokenFile), if it requires one. */
  token?: string;
  /** The fetch to use (Backstage's fetchApi.fetch, say); the global fetch by default. */
  fetch?: typeof fetch;
}

/** The data of an alert as `costs serve` sends it: the plugin's title and subtitle, and what Costs knows besides. */
export interface CostsAlert extends Alert {
  title: string;
  subtitle: string;
  key: string;
  kind: string;
  severity: string;
  howMuch: string;
  comparedWith: string;
  action: string;
}

/** The last complete billing day and the currency of every amount. */
export interface BillingDate {
  date: string;
  currency: string;
}

/** A failed call: the server's status and its message. */
export class CostsApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'CostsApiError';
  }
}

/**
 * Implements the plugin's CostInsightsApi over `costs serve`. Groups are teams, projects are Google
 * Cloud projects, products are Google Cloud services, and a catalog entity is the service it is named
 * after (or mapped to, in the server's CostInsights section). Amounts are in the store's billing currency.
 */
export class CostsCostInsightsClient implements CostInsightsApi {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: CostsCostInsightsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async getLastCompleteBillingDate(): Promise<string> {
    return (await this.getBillingDate()).date;
  }

  /** The last complete billing day together with the currency of every amount the server sends. */
  async getBillingDate(): Promise<BillingDate> {
    return this.get<BillingDate>('last-complete-billing-date', {});
  }

  async getUserGroups(userId: string): Promise<Group[]> {
    return this.get<Group[]>('user-groups', { user: userId });
  }

  async getGroupProjects(group: string): Promise<Project[]> {
    return this.get<Project[]>('group-projects', { group });
  }

  async getGroupDailyCost(group: string, intervals: string): Promise<Cost> {
    return this.get<Cost>('group-daily-cost', { group, intervals });
  }

  async getProjectDailyCost(project: string, intervals: string): Promise<Cost> {
    return this.get<Cost>('project-daily-cost', { project, intervals });
  }

  /**
   * The daily cost of a catalog entity (`component:default/checkout`): the method later versions of the
   * plugin call from an entity's page; 0.11.32 does not call it yet.
   */
  async getCatalogEntityDailyCost(catalogEntityRef: string, intervals: string): Promise<Cost> {
    return this.get<Cost>('catalog-entity-daily-cost', { entity: catalogEntityRef, intervals });
  }

  /**
   * Costs keeps no business metrics (requests, users, ...): configure no `costInsights.metrics` in the
   * app-config and the plugin never calls this. Called anyway, it fails saying so.
   */
  async getDailyMetricData(metric: string, _intervals: string): Promise<MetricData> {
    throw new CostsApiError(404, `Costs keeps no business metrics; remove metric '${metric}' from costInsights.metrics in app-config.yaml.`);
  }

  async getProductInsights(options: ProductInsightsOptions): Promise<Entity> {
    const query: Record<string, string> = { product: options.product, group: options.group, intervals: options.intervals };
    if (options.project) query['project'] = options.project;
    return this.get<Entity>('product-insights', query);
  }

  async getAlerts(group: string): Promise<Alert[]> {
    return this.get<CostsAlert[]>('alerts', { group });
  }

  private async get<T>(method: string, query: Record<string, string>): Promise<T> {
    const url = new URL(`${this.baseUrl}/api/cost-insights/${method}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers['Authorization'] = `Bearer ${this.token}`;
    const response = await this.fetchImpl(url.toString(), { headers });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        const body = JSON.parse(text) as { error?: unknown };
        if (typeof body.error === 'string') message = body.error;
      } catch {
        // not JSON: the text is the message
      }
      throw new CostsApiError(response.status, `costs ${method}: ${response.status} ${message}`.trim());
    }
    return JSON.parse(text) as T;
  }
}

import { catalogRoutes } from './catalog-routes.js';
import { incidentRoutes } from './incident-routes.js';
import { occurrenceRoute } from './occurrence-route.js';
import { oncallRoutes } from './oncall-routes.js';
import { orgRoutes } from './org-routes.js';
import type { Route } from './route-types.js';

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

const ROUTES: readonly Route[] = [occurrenceRoute, ...orgRoutes, ...incidentRoutes, ...catalogRoutes, ...oncallRoutes];

export function createRouter(routes: readonly Route[] = ROUTES): (path: string) => RouteMatch | undefined {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));
  // Literal routes come before patterns so `/incidents/triggered` never reads as a counterId.
  compiled.sort((a, b) => literalRank(b) - literalRank(a));
  return (path) => {
    const parts = path.split('/').slice(1);
    for (const { route, segments } of compiled) {
      const params = matchSegments(segments, parts);
      if (params !== undefined) return { route, params };
    }
    return undefined;
  };
}

function literalRank(route: CompiledRoute): number {
  return route.segments.filter((s) => !s.startsWith(':')).length;
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const part = parts[i] as string;
    if (segment.startsWith(':')) {
      if (part === '') return undefined;
      const value = safeDecode(part);
      if (value === undefined) return undefined;
      params[segment.slice(1)] = value;
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

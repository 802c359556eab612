/** Worked examples on the query page (each one runs against the hosted data; test/integration checks they return rows). */
export interface SparqlExample {
  id: string;
  title: string;
  query: string;
}

const PREFIXES = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ivoasem: <http://www.ivoa.net/rdf/ivoasem#>
`;

export const SPARQL_EXAMPLES: readonly SparqlExample[] = [
  {
    id: 'deprecated',
    title: 'All deprecated terms, with their replacement (VocInVO2 ivoasem:useInstead)',
    query: `${PREFIXES}
SELECT ?graph ?term ?label ?replacement WHERE {
  GRAPH ?graph {
    ?term ivoasem:deprecated ?flag .
    OPTIONAL { ?term rdfs:label|skos:prefLabel ?label }
    OPTIONAL { ?term ivoasem:useInstead ?replacement }
  }
}
ORDER BY ?graph ?term`,
  },
  {
    id: 'ucd-primary',
    title: 'UCD words of syntax code P (primary only: the first word of a UCD)',
    query: `${PREFIXES}
SELECT ?word ?definition WHERE {
  ?term ivoasem:ucd-syntax-code "P" ;
        skos:prefLabel ?word .
  OPTIONAL { ?term skos:definition ?definition }
}
ORDER BY ?word`,
  },
  {
    id: 'ucd-phot-codes',
    title: 'UCD words in phot.* with their syntax code (the UCD list EN 1.6 has no P word there; change "phot." to look in another branch)',
    query: `${PREFIXES}
SELECT ?word ?code ?definition WHERE {
  ?term ivoasem:ucd-syntax-code ?code ;
        skos:prefLabel ?word .
  OPTIONAL { ?term skos:definition ?definition }
  FILTER(STRSTARTS(STR(?word), "phot."))
}
ORDER BY ?code ?word`,
  },
  {
    id: 'object-types-without-uat',
    title: 'IVOA object types with no mapping to the UAT',
    query: `${PREFIXES}
SELECT ?type ?label WHERE {
  ?type a rdfs:Class ;
        rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), "http://www.ivoa.net/rdf/object-type#"))
  FILTER NOT EXISTS {
    { ?type skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch ?uat }
    UNION
    { ?uat skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch ?type }
    FILTER(STRSTARTS(STR(?uat), "http://astrothesaurus.org/uat/") || STRSTARTS(STR(?uat), "http://www.ivoa.net/rdf/uat#"))
  }
}
ORDER BY ?label`,
  },
  {
    id: 'shared-labels',
    title: 'Terms of two vocabularies sharing a label',
    query: `${PREFIXES}
SELECT ?label ?term1 ?graph1 ?term2 ?graph2 WHERE {
  GRAPH ?graph1 { ?term1 rdfs:label|skos:prefLabel ?label }
  GRAPH ?graph2 { ?term2 rdfs:label|skos:prefLabel ?label }
  FILTER(STR(?graph1) < STR(?graph2))
}
ORDER BY ?label
LIMIT 500`,
  },
];

/**
 * Knowledge-base lookups. The emulator holds associations, not documents, so by default a
 * lookup finds nothing (an empty `retrievedReferences`, which real agents also see for an
 * empty index); a retriever can be injected to serve references from local files or tests.
 */
export interface RetrievedReference {
  content: { text: string; type?: "TEXT" };
  location: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface KnowledgeBaseRetriever {
  retrieve(knowledgeBaseId: string, text: string): Promise<RetrievedReference[]>;
}

export const EMPTY_KNOWLEDGE_BASES: KnowledgeBaseRetriever = {
  async retrieve() {
    return [];
  },
};

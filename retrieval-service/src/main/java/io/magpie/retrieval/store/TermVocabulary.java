package io.magpie.retrieval.store;

import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The words of the indexed product texts with their document frequencies, for correcting misspelled query words.
 * Tokens are split like Milvus's "standard" analyzer: runs of word characters, lower-cased. Built from the texts
 * in the collection behind the alias, the data every replica shares, and rebuilt from it on a fixed interval
 * ({@link VocabularyRefresh}), so replicas converge on the same corrections whichever of them delivered a write,
 * and deleted products' words leave. Between rebuilds, rows this replica writes are added at once.
 */
@ApplicationScoped
public class TermVocabulary {

    static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Logger LOG = Logger.getLogger(TermVocabulary.class);

    /** Replaced whole by a rebuild, so a search never sees a half-built vocabulary. */
    private volatile Map<String, Integer> documentFrequency = new ConcurrentHashMap<>();

    /** Whether a build from the collection succeeded yet (only the first one is logged). */
    private volatile boolean built;

    /** Counts each distinct word of one document once. */
    public void add(String text) {
        count(text, documentFrequency);
    }

    private static void count(String text, Map<String, Integer> frequencies) {
        for (String term : new HashSet<>(tokens(text))) {
            frequencies.merge(term, 1, Integer::sum);
        }
    }

    public int documentFrequency(String term) {
        return documentFrequency.getOrDefault(term, 0);
    }

    public int size() {
        return documentFrequency.size();
    }

    /** Words of a text as the analyzer sees them. */
    public static List<String> tokens(String text) {
        List<String> tokens = new java.util.ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /**
     * The most frequent known word within {@code maxEdits} edits (insert, delete, substitute, swap of neighbours)
     * of an unknown word; empty when the word is known or nothing is close enough. Scans the vocabulary: tens of
     * thousands of words take about a millisecond, and only unknown query words get here.
     */
    public Optional<String> closestKnown(String word, int maxEdits) {
        if (documentFrequency.containsKey(word)) {
            return Optional.empty();
        }
        Map<String, Integer> documentFrequency = this.documentFrequency;
        String best = null;
        int bestEdits = Integer.MAX_VALUE;
        int bestFrequency = 0;
        for (Map.Entry<String, Integer> entry : documentFrequency.entrySet()) {
            String candidate = entry.getKey();
            if (Math.abs(candidate.length() - word.length()) > maxEdits) {
                continue;
            }
            int edits = EditDistance.atMost(word, candidate, maxEdits);
            if (edits > maxEdits) {
                continue;
            }
            // fewer edits first, then the more common word: the likelier intended one
            if (edits < bestEdits || edits == bestEdits && entry.getValue() > bestFrequency) {
                best = candidate;
                bestEdits = edits;
                bestFrequency = entry.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Rebuilds the vocabulary from every text in the collection and swaps it in; on failure the current one stays.
     *
     * @return whether the rebuild succeeded
     */
    public synchronized boolean rebuildFrom(MilvusConnection connection, String collection) {
        Map<String, Integer> rebuilt = new ConcurrentHashMap<>();
        long rows = 0;
        try {
            QueryIterator iterator = connection
                    .client()
                    .queryIterator(QueryIteratorReq.builder()
                            .collectionName(collection)
                            .outputFields(List.of(ProductTextCollection.TEXT))
                            .batchSize(1000)
                            .build());
            try {
                for (List<QueryResultsWrapper.RowRecord> batch = iterator.next();
                        !batch.isEmpty();
                        batch = iterator.next()) {
                    for (QueryResultsWrapper.RowRecord row : batch) {
                        Object text = row.get(ProductTextCollection.TEXT);
                        if (text != null) {
                            count(text.toString(), rebuilt);
                        }
                        rows++;
                    }
                }
            } finally {
                iterator.close();
            }
        } catch (RuntimeException e) {
            LOG.warnf("term vocabulary not rebuilt from Milvus (%s); the current one stays", e.toString());
            return false;
        }
        documentFrequency = rebuilt;
        if (!built) {
            LOG.infof("term vocabulary: %d words from %d indexed products", rebuilt.size(), rows);
        }
        built = true;
        return true;
    }

    /** Words of a set, for tests. */
    Set<String> words() {
        return Set.copyOf(documentFrequency.keySet());
    }
}

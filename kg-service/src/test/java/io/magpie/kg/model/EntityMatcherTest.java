package io.magpie.kg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMatcherTest {

    private final EntityMatcher matcher = new EntityMatcher(
            List.of(
                    GraphEntity.brand("Bounty"),
                    GraphEntity.brand("Paper"),
                    GraphEntity.category("Paper Towels"),
                    GraphEntity.category("Home & Kitchen"),
                    GraphEntity.attribute("color", "Café Noir"),
                    GraphEntity.brand("The"),
                    GraphEntity.brand("LG"),
                    GraphEntity.brand("3M"),
                    GraphEntity.brand("42"),
                    GraphEntity.category("Bounty")),
            3);

    @Test
    void multiWordCaseAndAccentInsensitiveLongestFirst() {
        assertEquals(
                List.of(
                        new EntityMatcher.Mention(GraphEntity.brand("Bounty"), "bounty"),
                        new EntityMatcher.Mention(GraphEntity.category("Bounty"), "bounty"),
                        new EntityMatcher.Mention(GraphEntity.category("Paper Towels"), "paper towels"),
                        new EntityMatcher.Mention(GraphEntity.attribute("color", "Café Noir"), "cafe noir"),
                        new EntityMatcher.Mention(GraphEntity.category("Home & Kitchen"), "home kitchen")),
                matcher.match("BOUNTY paper-towels, CAFE noir for home&kitchen", 10));
    }

    @Test
    void aShorterNameMatchesWhereTheLongerOneIsIncomplete() {
        assertEquals(
                List.of(new EntityMatcher.Mention(GraphEntity.brand("Paper"), "paper")),
                matcher.match("paper napkins", 10));
    }

    @Test
    void stopWordsShortWordsAndNumbersNameNothingAndTheLimitHolds() {
        assertEquals(List.of(), matcher.match("the lg 42 3m", 10));
        assertEquals(1, matcher.match("bounty", 1).size());
        assertEquals(6, matcher.size()); // "The" is a stop word, "LG" and "3M" too short, "42" a number
    }
}
